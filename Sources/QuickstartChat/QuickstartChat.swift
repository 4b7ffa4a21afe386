// The QuickstartChat bindings arrive with the SDK issue.
import SpacetimeDB
