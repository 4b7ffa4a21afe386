import SpacetimeDB

extension Message: TableRow {}
