import SpacetimeDB

extension User: TableRow {}
