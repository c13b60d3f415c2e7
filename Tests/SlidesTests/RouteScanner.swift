/// Finds the routes the apps register, in their Swift sources.
///
/// Reads Hummingbird registrations on a router or a route group, such as
/// `router.get("/items/{key}") { ... }`, `group.post("items", use: create)`, or `router.get(path)` where
/// `path` is declared with a default literal in the same file.
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
            // `router.get(path)` where `path` has a default value in the same file (`path: RouterPath = "/metrics"`).
            let byName = file.text.matches(
                of:
                    /\b[A-Za-z_]*(?:[Rr]outer|[Gg]roup)\.(?<method>get|post|put|patch|delete|head)\(\s*(?<name>[a-z]\w*)\s*\)/
            )
            for match in byName {
                let name = String(match.output.name)
                for value in file.text.matches(of: /\b(?<name>[a-z]\w*)\s*:\s*\w+\s*=\s*"(?<path>[^"]*)"/)
                where value.output.name == name {
                    let path = String(value.output.path)
                    routes.append(
                        Route(
                            method: match.output.method.uppercased(),
                            template: path.hasPrefix("/") ? path : "/" + path
                        )
                    )
                }
            }
        }
        return routes
    }
}
