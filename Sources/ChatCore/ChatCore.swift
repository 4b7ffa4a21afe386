// The chat model arrives with the terminal client issue.
