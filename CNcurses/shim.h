// Wide-character ncurses for Swift. The defines must precede the include so that
// cchar_t, setcchar, wadd_wch and get_wch are declared.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros that Swift cannot import, as functions.
static inline int cncurses_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cncurses_key_resize(void) { return KEY_RESIZE; }
static inline WINDOW *cncurses_stdscr(void) { return stdscr; }
static inline int cncurses_lines(void) { return LINES; }
static inline int cncurses_cols(void) { return COLS; }
static inline int cncurses_colors(void) { return COLORS; }

// Attribute and window helpers: the A_* constants and most stdscr calls are macros.
static inline int cncurses_set_style(int bold, int dim, int reverse, int underline, int italic, int pair) {
    attr_t attributes = A_NORMAL;
    if (bold) attributes |= A_BOLD;
    if (dim) attributes |= A_DIM;
    if (reverse) attributes |= A_REVERSE;
    if (underline) attributes |= A_UNDERLINE;
#ifdef A_ITALIC
    if (italic) attributes |= A_ITALIC;
#endif
    return wattr_set(stdscr, attributes, (short)pair, NULL);
}
static inline int cncurses_put(int y, int x, const wchar_t *text, int count) {
    return mvwaddnwstr(stdscr, y, x, text, count);
}
static inline int cncurses_move(int y, int x) { return wmove(stdscr, y, x); }
static inline int cncurses_clear_to_eol(void) { return wclrtoeol(stdscr); }
static inline int cncurses_erase(void) { return werase(stdscr); }
static inline int cncurses_noutrefresh(void) { return wnoutrefresh(stdscr); }
static inline int cncurses_keypad(int on) { return keypad(stdscr, on ? TRUE : FALSE); }
// The next doupdate clears the terminal and draws every cell, whatever curses believes is there.
static inline int cncurses_clear_on_next_update(void) { return clearok(curscr, TRUE); }

// Terminfo before curses starts. term.h is not included: its capability macros (lines, columns...)
// would clash with Swift names, so the one function needed is declared here.
extern int setupterm(const char *term, int fd, int *status);
// What curses would find for the terminal type `term`: 1 it can address the cursor (cup), 0 it
// cannot, -1 it is unknown to terminfo (or a printing terminal), -2 there is no terminfo database.
static inline int cncurses_probe_terminal(const char *term) {
    int status = 0;
    if (setupterm(term, 1, &status) != 0) return status == -1 ? -2 : -1;
    char *cup = tigetstr("cup");
    return (cup == NULL || cup == (char *)-1) ? 0 : 1;
}
#endif
