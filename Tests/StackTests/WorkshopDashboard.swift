import Foundation
import TestSupport

/// The parts of a Grafana dashboard JSON the stack tests look at.
struct WorkshopDashboard: Decodable {
    struct DataSource: Decodable, Equatable {
        var type: String?
        var uid: String?
    }

    struct Target: Decodable {
        var refId: String
        var expr: String?
        var datasource: DataSource?
    }

    struct Defaults: Decodable {
        var unit: String?
    }

    struct FieldConfig: Decodable {
        var defaults: Defaults
    }

    struct GridPosition: Decodable, Equatable {
        var x: Int
        var y: Int
        var w: Int
        var h: Int
    }

    struct Panel: Decodable {
        var id: Int
        var type: String
        var title: String
        var description: String?
        var gridPos: GridPosition?
        var datasource: DataSource?
        var fieldConfig: FieldConfig?
        var targets: [Target]?
    }

    struct Variable: Decodable {
        var name: String
        var type: String
        var query: String?
    }

    struct Templating: Decodable {
        var list: [Variable]
    }

    var uid: String
    var title: String
    var schemaVersion: Int
    var panels: [Panel]
    var templating: Templating

    /// Panels that show data (rows excluded).
    var dataPanels: [Panel] { panels.filter { $0.type != "row" } }

    /// Reads a dashboard from the repository.
    static func load(_ relative: String) throws -> WorkshopDashboard {
        try JSONDecoder().decode(WorkshopDashboard.self, from: Data(contentsOf: Repository.path(relative)))
    }
}
