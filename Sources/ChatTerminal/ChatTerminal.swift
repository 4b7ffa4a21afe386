// The terminal layer arrives with the terminal client issue.
