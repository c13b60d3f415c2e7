/// A panel that shows data, with rows flattened away and library panels resolved.
public struct Panel: Sendable {
    /// The panel's `id`, as text.
    public var id: String?
    /// The title (empty when the panel has none).
    public var title: String
    /// The visualisation (`timeseries`, `stat`, `graph`, ...).
    public var type: String
    /// The panel's datasource.
    public var datasource: DatasourceRef?
    /// The queries.
    public var targets: [PanelTarget]
    /// The byte offset in the file where the panel starts.
    public var offset: Int
    /// The library panel's name, when the panel came from `__elements`.
    public var libraryPanel: String?
    /// True when the panel refers to a library panel whose model the export does not include.
    public var isUnresolvedLibraryPanel: Bool

    /// Makes a panel.
    public init(
        id: String?,
        title: String,
        type: String,
        datasource: DatasourceRef?,
        targets: [PanelTarget],
        offset: Int,
        libraryPanel: String? = nil,
        isUnresolvedLibraryPanel: Bool = false
    ) {
        self.id = id
        self.title = title
        self.type = type
        self.datasource = datasource
        self.targets = targets
        self.offset = offset
        self.libraryPanel = libraryPanel
        self.isUnresolvedLibraryPanel = isUnresolvedLibraryPanel
    }

    /// The title for messages: the title, else the id.
    public var displayTitle: String {
        if !title.isEmpty { return title }
        if let id { return "panel \(id)" }
        return "untitled panel"
    }
}
