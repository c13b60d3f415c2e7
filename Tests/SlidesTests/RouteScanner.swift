/// Finds the routes the apps register, in their Swift sources.
enum RouteScanner {
    /// The routes registered in `sources`.
    static func routes(in sources: [SwiftSources]) throws -> [Route] {
        var routes: [Route] = []
        for file in sources {
            for match in file.text.matches(of: /\.(?<method>get|post|put|patch|delete|head)\(\s*"(?<path>[^"]*)"/) {
                routes.append(Route(method: match.output.method.uppercased(), template: "/" + match.output.path))
            }
        }
        return routes
    }
}
