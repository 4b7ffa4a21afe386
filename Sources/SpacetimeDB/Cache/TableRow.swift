/// A row type the client cache can hold: it decodes from and encodes to BSATN and crosses threads.
///
/// Generated row structs conform; the cache decodes each row once, when it first arrives, and keeps
/// only the decoded row. It finds rows again by their bytes, so decoding must be canonical: any bytes
/// that decode must re-encode to the same bytes (true of every type built on ``BSATNReader``).
public protocol TableRow: BSATNCodable, Sendable {}
