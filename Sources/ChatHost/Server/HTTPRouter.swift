import NIOHTTP1

/// Maps plain HTTP requests to SpacetimeDB's endpoints.
struct HTTPRouter: Sendable {
    let authority: TokenAuthority
    let databases: Set<String>

    func route(_ head: HTTPRequestHead) -> HTTPReply {
        let target = RequestTarget(uri: head.uri)
        let segments = target.segments
        let authorization = head.headers.first(name: "authorization")
        guard segments.first == "v1" else { return .text(404, "") }
        // HEAD is answered as GET; the handler leaves the body out.
        let method: HTTPMethod = head.method == .HEAD ? .GET : head.method
        switch (method, Array(segments.dropFirst())) {
        case (.GET, ["ping"]):
            return HTTPReply(status: 200, body: [], contentType: "text/plain; charset=utf-8")
        case (.POST, ["identity"]):
            let minted = authority.mintAnonymous()
            return .json(
                200, #"{"identity":""# + minted.claims.identity.hexString + #"","token":""# + minted.token + #""}"#)
        case (.POST, ["identity", "websocket-token"]):
            let token: String?
            do {
                token = try RequestAuth.credentials(authorization: authorization, query: target.query)
            } catch {
                return .text(error.httpStatus, error.description)
            }
            guard let token else { return .text(401, "Authorization required") }
            do {
                let claims = try authority.validate(token)
                let short = authority.reSign(claims, lifetime: 60)
                return .json(200, #"{"token":""# + short.token + #""}"#)
            } catch {
                return .text(error.httpStatus, error.description)
            }
        case (.GET, ["identity", "public-key"]):
            return HTTPReply(
                status: 200, body: Array(authority.publicKeyPEM.utf8), contentType: "application/pem-certificate-chain")
        case (.GET, let path) where path.count == 3 && path[0] == "database" && path[2] == "schema":
            let auth: RequestAuth
            switch RequestAuth.resolve(authorization: authorization, query: target.query, authority: authority) {
            case .success(let resolved): auth = resolved
            case .failure(let error): return .text(error.httpStatus, error.description)
            }
            guard databases.contains(path[1]) else { return HTTPReply(status: 404, body: [], contentType: "text/plain; charset=utf-8") }
            guard let version = target.query["version"] else {
                return .text(400, "Failed to deserialize query string: missing field `version`")
            }
            guard version == "9" else {
                return .text(400, "Failed to deserialize query string: version: unknown variant `\(version)`, expected `9`")
            }
            return .json(200, ModuleSchema.rawModuleDefV9JSON, headers: auth.identityHeaders)
        case (.GET, let path) where path.count == 3 && path[0] == "database" && path[2] == "subscribe":
            // Reached only when the upgrade was not performed: give the reason.
            let offered = head.headers["sec-websocket-protocol"]
            switch SubscribeRequest.evaluate(
                target: target, authorization: authorization, offeredProtocols: offered, databases: databases,
                authority: authority)
            {
            case .failure(let reply): return reply
            case .success:
                return .text(400, "Connection header did not include 'upgrade'")
            }
        default:
            return HTTPReply(status: 404, body: [], contentType: "text/plain; charset=utf-8")
        }
    }
}
