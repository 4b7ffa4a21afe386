/// A row type the client cache can hold: it decodes from and encodes to BSATN and crosses threads.
///
/// Generated row structs conform; the cache decodes each row once, when it first arrives.
public protocol TableRow: BSATNCodable, Sendable {}
