/// How schema names (usually snake_case) become Swift identifiers. The rule, in order:
///
/// 1. Split the name into words. Any character that is not an ASCII letter or digit, and not a
///    non-ASCII letter, separates words (`_`, `-`, spaces, punctuation, emoji). Inside a run of letters
///    and digits a word also ends before an uppercase letter that follows a lowercase letter or digit
///    (`sentAt` → `sent`, `At`), and before the last capital of a capital run followed by a lowercase
///    letter (`HTTPServer` → `HTTP`, `Server`). Digits stay with the word before them (`u8_list` → `u8`, `list`).
/// 2. Join: lowerCamelCase for properties, cases, methods and table accessors (first word all
///    lowercase, the others capitalised: first letter uppercase, the rest lowercase), UpperCamelCase
///    for types (every word capitalised). So `user_ID` → `userId`, `HTTPServer` → `httpServer`.
/// 3. A result that starts with a digit gets a leading `_` (`2fa` → `_2fa`).
/// 4. A name with no letters or digits at all cannot be converted; callers report an error.
/// 5. At use sites, Swift keywords are escaped with backticks (`` `class` ``, `` `default` ``), except
///    `self` and `Self`, which cannot be used as stored property names in an initializer, so they get a
///    trailing underscore (`self_`). Type names that are Swift keywords (`Type`, `Self`, `Protocol`,
///    `Any`) get a trailing underscore too.
///
/// Two schema names that convert to the same Swift name in one scope are an error, reported by the
/// generator, never silently renamed.
public enum SwiftNaming {
    /// Swift keywords that need backticks when used as identifiers.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
        "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
        "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil",
        "super", "throws", "true", "try", "Type", "Protocol", "some", "any",
    ]

    /// Identifiers that backticks do not make usable as stored properties; they get a trailing `_`.
    public static let suffixed: Set<String> = ["self", "Self"]

    /// Type names that would clash with Swift keywords or metatype syntax; they get a trailing `_`.
    public static let suffixedTypeNames: Set<String> = ["Type", "Self", "Protocol", "Any"]

    /// Splits `name` into words (rule 1).
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { words.append(String(current)) }
            current.removeAll()
        }
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard isWordCharacter(character) else {
                flush()
                continue
            }
            if character.isUppercase, let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber {
                    flush()
                } else if previous.isUppercase, let next, next.isLowercase {
                    flush()
                }
            }
            current.append(character)
        }
        flush()
        return words
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        if character.isASCII { return character.isLetter || character.isNumber }
        return character.isLetter
    }

    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst().lowercased()
    }

    static func leadingDigitGuarded(_ name: String) -> String? {
        guard let first = name.first else { return nil }
        return first.isNumber ? "_" + name : name
    }

    /// lowerCamelCase (rule 2–3), unescaped; nil when the name has no word characters.
    public static func camelCase(_ name: String) -> String? {
        let words = words(name)
        guard let first = words.first else { return nil }
        return leadingDigitGuarded(first.lowercased() + words.dropFirst().map(capitalized).joined())
    }

    /// UpperCamelCase (rule 2–3), unescaped; nil when the name has no word characters.
    public static func pascalCase(_ name: String) -> String? {
        let words = words(name)
        guard !words.isEmpty else { return nil }
        return leadingDigitGuarded(words.map(capitalized).joined())
    }

    /// A property, case or method name for `name` as declared in Swift (rule 5's suffix applied, no backticks).
    public static func memberName(_ name: String) -> String? {
        guard let camel = camelCase(name) else { return nil }
        return suffixed.contains(camel) ? camel + "_" : camel
    }

    /// A type name for `name` (UpperCamelCase, keyword-like names suffixed).
    public static func typeName(_ name: String) -> String? {
        guard let pascal = pascalCase(name) else { return nil }
        return suffixedTypeNames.contains(pascal) ? pascal + "_" : pascal
    }

    /// `identifier` as a parameter's name in a declaration (`func f(class: Class)`): an argument
    /// label may be any keyword but `inout`, `var` and `let`, and Swift warns about needless
    /// backticks there. Uses of the parameter in the body still take ``escaped(_:)``.
    public static func parameterName(_ identifier: String) -> String {
        ["inout", "var", "let"].contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// `identifier` as written at a use site: keywords in backticks.
    public static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }
}
