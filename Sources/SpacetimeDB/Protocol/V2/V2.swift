/// The `v2.bsatn.spacetimedb` protocol of SpacetimeDB 2.x, whose messages `v3.bsatn.spacetimedb` batches.
///
/// Message and nested types live in extensions, one per file, named as in SpacetimeDB's
/// `crates/client-api-messages/src/websocket/v2.rs`. Note that `request_id` comes first in every v2
/// message and that ``V2/PersistentTableRows`` lists inserts before deletes, unlike v1.
public enum V2 {}
