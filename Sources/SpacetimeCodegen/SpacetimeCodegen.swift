// The schema model and emitter arrive with the generator issue.
