import Hummingbird

extension Router {
    /// The methods `rejectOtherMethods(on:allowing:)` answers with 405.
    static var commonMethods: [HTTPRequest.Method] {
        [.get, .head, .post, .put, .delete, .patch, .options, .trace]
    }

    /// Answers `405 {"error": ...}` with an `Allow` header on `path` for the common methods other than
    /// `allowed` (Hummingbird itself answers 404 for a known path with a wrong method).
    ///
    /// HEAD counts as allowed when GET is: routers from `makeRouter` answer HEAD for every GET route.
    @discardableResult
    public func rejectOtherMethods(
        on path: RouterPath,
        allowing allowed: [HTTPRequest.Method]
    )
        -> Self
    {
        var allowed = allowed
        if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
        let allowedMethods = allowed
        for method in Self.commonMethods where !allowedMethods.contains(method) {
            on(path, method: method) { request, _ -> Response in
                throw AppError.methodNotAllowed(
                    request.method,
                    path: request.uri.path,
                    allowed: allowedMethods
                )
            }
        }
        return self
    }
}
