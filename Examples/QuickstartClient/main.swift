// The Rust SDK's quickstart client (SpacetimeDB's "Rust Client SDK Quick Start"), step for step in
// Swift: the same callbacks, the same output lines on the same streams, the same commands
// (`/name NAME`, anything else is a message), the same exits.
//
// Run it against a local host: `swift run spacetime-chat serve` in one terminal, then
// `swift run quickstart-client` in another. `SPACETIMEDB_HOST` and `SPACETIMEDB_DB_NAME` override
// the Rust constants `HOST` and `DB_NAME`.

import ChatCore
import Foundation
import QuickstartChat
import SpacetimeDB

/// Rust's `println!`: one write per line, so a reader of a pipe sees each line at once (as Rust's
/// line-buffered stdout does; Swift's `print` would buffer a pipe until exit).
@Sendable func println(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Rust's `eprintln!`.
@Sendable func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

// ## Connect to the database

/// The Rust client's constants, overridable from the environment.
enum Settings {
    /// The URI of the SpacetimeDB instance hosting our chat module.
    static let host = ProcessInfo.processInfo.environment["SPACETIMEDB_HOST"] ?? "http://localhost:3000"
    /// The database name we chose when we published our module.
    static let dbName = ProcessInfo.processInfo.environment["SPACETIMEDB_DB_NAME"] ?? "quickstart-chat"
}

/// The credentials file, `$HOME/.spacetimedb_client_credentials/quickstart-chat`, shared with the Rust client.
func credsStore() -> CredentialsFile {
    CredentialsFile("quickstart-chat")
}

/// Load credentials from a file and connect to the database.
func connectToDb() -> DbConnection {
    do {
        return try DbConnection.builder()
            // Our `onConnect` callback, which will save our auth token.
            .onConnect(onConnected)
            // Our `onConnectError` callback, which will print a message, then exit the process.
            .onConnectError(onConnectError)
            // Our `onDisconnect` callback, which will print a message, then exit the process.
            .onDisconnect(onDisconnected)
            // If the user has previously connected, we'll have saved a token in the `onConnect` callback.
            // In that case, we'll load it and pass it to `withToken`, so we can re-authenticate as the same `Identity`.
            .withToken(loadCredentials())
            // Set the database name we chose when we called `spacetime publish`.
            .withDatabaseName(Settings.dbName)
            // Set the URI of the SpacetimeDB host that's running our database.
            .withUri(Settings.host)
            // Finalize configuration and connect!
            .build()
    } catch {
        fatalError("Failed to connect: \(error)")
    }
}

// ### Save credentials

func loadCredentials() -> String? {
    do {
        return try credsStore().load()
    } catch {
        fatalError("Error loading credentials: \(error)")
    }
}

/// Our `onConnect` callback: save our credentials to a file.
@Sendable func onConnected(_ conn: DbConnection, _ identity: Identity, _ token: String) {
    do { try credsStore().save(token) } catch { printError("Failed to save credentials: \(error)") }
}

// ### Handle errors and disconnections

/// Our `onConnectError` callback: print the error, then exit the process.
@Sendable func onConnectError(_ ctx: EventContext, _ error: DbConnectionError) {
    printError("Connection error: \(error)")
    exit(1)
}

/// Our `onDisconnect` callback: print a note, then exit the process.
@Sendable func onDisconnected(_ ctx: EventContext, _ error: DbConnectionError?) {
    if let error {
        printError("Disconnected: \(error)")
        exit(1)
    } else {
        println("Disconnected.")
        exit(0)
    }
}

// ## Register callbacks

/// Register all the callbacks our app will use to respond to database events.
func registerCallbacks(_ conn: DbConnection) {
    // When a new user joins, print a notification.
    conn.db.user.onInsert(onUserInserted)
    // When a user's status changes, print a notification.
    conn.db.user.onUpdate(onUserUpdated)
    // When a new message is received, print it.
    conn.db.message.onInsert(onMessageInserted)
    // When we fail to set our name, print a warning.
    conn.reducers.onSetName(onNameSet)
    // When we fail to send a message, print a warning.
    conn.reducers.onSendMessage(onMessageSent)
}

// ### Notify about new users

/// Our `user.onInsert` callback: if the user is online, print a notification.
@Sendable func onUserInserted(_ ctx: EventContext, _ user: User) {
    if user.online { println("User \(userNameOrIdentity(user)) connected.") }
}

/// The user's name, or the first 16 hex digits of their identity (Rust's `to_abbreviated_hex`).
@Sendable func userNameOrIdentity(_ user: User) -> String {
    user.name ?? user.identity.abbreviatedHex
}

// ### Notify about updated users

/// Our `user.onUpdate` callback: print a notification about name and status changes.
@Sendable func onUserUpdated(_ ctx: EventContext, _ old: User, _ new: User) {
    if old.name != new.name { println("User \(userNameOrIdentity(old)) renamed to \(userNameOrIdentity(new)).") }
    if old.online && !new.online { println("User \(userNameOrIdentity(new)) disconnected.") }
    if !old.online && new.online { println("User \(userNameOrIdentity(new)) connected.") }
}

// ### Print messages

/// Our `message.onInsert` callback: print new messages (the backlog is printed in order by `onSubApplied`).
///
/// As the Rust SDK 2.x quickstart: anything but the subscription's initial rows. On v2/v3 other
/// clients' messages arrive as `.transaction`, not `.reducer`, so matching only `.reducer` (the 1.x
/// text) would hide them.
@Sendable func onMessageInserted(_ ctx: EventContext, _ message: Message) {
    if case .subscribeApplied = ctx.event { return }
    printMessage(ctx, message)
}

@Sendable func printMessage(_ ctx: some DbContext, _ message: Message) {
    let sender = ctx.db.user.identity.find(message.sender).map(userNameOrIdentity) ?? "unknown"
    println("\(sender): \(message.text)")
}

// ### Handle reducer failures

/// Our `onSetName` callback: print a warning if the reducer failed.
@Sendable func onNameSet(_ ctx: EventContext, _ name: String) {
    if case .reducer(let event) = ctx.event, case .failed(let error) = event.status {
        printError("Failed to change name to \(RustDebugQuote.quote(name)): \(error)")
    }
}

/// Our `onSendMessage` callback: print a warning if the reducer failed.
@Sendable func onMessageSent(_ ctx: EventContext, _ text: String) {
    if case .reducer(let event) = ctx.event, case .failed(let error) = event.status {
        printError("Failed to send message \(RustDebugQuote.quote(text)): \(error)")
    }
}

// ## Subscribe to tables

/// Register subscriptions for all rows of both tables.
func subscribeToTables(_ conn: DbConnection) {
    conn.subscriptionBuilder()
        .onApplied(onSubApplied)
        .onError(onSubError)
        .subscribe(["SELECT * FROM user", "SELECT * FROM message"])
}

// ### Print past messages in order

/// Our `onApplied` callback: sort all past messages and print them in timestamp order.
@Sendable func onSubApplied(_ ctx: EventContext) {
    for message in ctx.db.message.iter().sorted(by: { $0.sent < $1.sent }) { printMessage(ctx, message) }
    println("Fully connected and all subscriptions applied.")
    println("Use /name to set your name, or type a message!")
}

// ### Notify about failed subscriptions

/// Our `onError` callback: print the error, then exit the process.
@Sendable func onSubError(_ ctx: EventContext, _ error: String) {
    printError("Subscription failed: \(error)")
    exit(1)
}

// ## Handle user input

/// Read each line of standard input, and either set our name or send a message as appropriate.
func userInputLoop(_ conn: DbConnection) {
    while let line = readLine() {
        if line.hasPrefix("/name ") {
            conn.reducers.setName(name: String(line.dropFirst("/name ".count)))
        } else {
            conn.reducers.sendMessage(text: line)
        }
    }
}

// ## The main function

// Connect to the database.
let conn = connectToDb()
// Register callbacks to run in response to database events.
registerCallbacks(conn)
// Subscribe to SQL queries in order to construct a local partial replica of the database.
subscribeToTables(conn)
// Spawn a thread, where the connection will process messages and invoke callbacks.
conn.runThreaded()
// Handle CLI input.
userInputLoop(conn)
