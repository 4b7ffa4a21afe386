// The local host arrives with the host issue.
