/// Finds the routes the apps register, in their Swift sources.
///
/// Reads Hummingbird registrations on a router or a route group, such as
/// `router.get("/items/{key}") { ... }` or `group.post("items", use: create)`.
enum RouteScanner {
    /// The routes registered in `sources`.
    static func routes(in sources: [SwiftSources]) throws -> [Route] {
        var routes: [Route] = []
        for file in sources {
            let registrations = file.text.matches(
                of: /\b[A-Za-z_]*(?:[Rr]outer|[Gg]roup)\.(?<method>get|post|put|patch|delete|head)\(\s*"(?<path>[^"]*)"/
            )
            for match in registrations {
                let path = String(match.output.path)
                routes.append(
                    Route(method: match.output.method.uppercased(), template: path.hasPrefix("/") ? path : "/" + path)
                )
            }
        }
        return routes
    }
}
