/// The `v1.bsatn.spacetimedb` protocol: the only one SpacetimeDB 1.x servers speak, still accepted by 2.x.
///
/// Message and nested types live in extensions, one per file, named as in SpacetimeDB's
/// `crates/client-api-messages/src/websocket/v1.rs`. Server messages travel behind the compression
/// envelope handled by ``ServerFrameCodec``; client messages are sent as plain BSATN.
public enum V1 {}
