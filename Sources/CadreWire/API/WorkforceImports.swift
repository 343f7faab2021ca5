/// The import methods: a file streamed through `BeginImport`, `ImportChunk`…, `CommitImport`.
extension Workforce {
    public struct BeginImportParameters: Codable, Hashable, Sendable {
        /// `people` or `evidence`.
        public var kind: String
        /// The file's name as the user gave it; errors name it.
        public var name: String
        /// `csv`, `json` or `detect` (the default).
        public var format: String?
        public var dryRun: Bool?
        public var ignoreUnknownColumns: Bool?

        public init(kind: String, name: String, format: String? = nil, dryRun: Bool? = nil, ignoreUnknownColumns: Bool? = nil) {
            self.kind = kind
            self.name = name
            self.format = format
            self.dryRun = dryRun
            self.ignoreUnknownColumns = ignoreUnknownColumns
        }
    }

    public struct ImportID: Codable, Hashable, Sendable {
        public var importId: String
        public init(importId: String) { self.importId = importId }
    }

    public struct ImportChunkParameters: Codable, Hashable, Sendable {
        public var importId: String
        public var data: String
        public init(importId: String, data: String) {
            self.importId = importId
            self.data = data
        }
    }

    public struct ImportProgress: Codable, Hashable, Sendable {
        public var rows: Int
        public init(rows: Int) { self.rows = rows }
    }

    public struct ImportSummary: Codable, Hashable, Sendable {
        public var importId: String
        public var kind: String
        public var name: String
        public var rows: Int
        public var dryRun: Bool
        public var dataVersion: Int64
        public var inserted: Int
        public var updated: Int
        public var unchanged: Int
        public var duplicates: Int

        public init(
            importId: String, kind: String, name: String, rows: Int, dryRun: Bool, dataVersion: Int64,
            inserted: Int, updated: Int, unchanged: Int, duplicates: Int = 0
        ) {
            self.importId = importId
            self.kind = kind
            self.name = name
            self.rows = rows
            self.dryRun = dryRun
            self.dataVersion = dataVersion
            self.inserted = inserted
            self.updated = updated
            self.unchanged = unchanged
            self.duplicates = duplicates
        }
    }

    public struct ImportSummaryReply: Codable, Hashable, Sendable {
        public var summary: ImportSummary
        public init(summary: ImportSummary) { self.summary = summary }
    }

    /// One badge of an `ImportBadges` call: the holding it makes and what checking its proof found.
    public struct BadgeOutcome: Codable, Hashable, Sendable {
        /// The file as the client named it.
        public var file: String
        public var person: String
        public var credential: String
        /// The credential's issuer id.
        public var issuer: String
        /// `jwt ES256`, `DataIntegrityProof eddsa-rdfc-2022`, `none`…
        public var proof: String
        /// `verified` or `unverified`.
        public var verification: String
        /// For a verified badge the algorithm and key; for an unverified one, why.
        public var detail: String

        public init(file: String, person: String, credential: String, issuer: String, proof: String, verification: String, detail: String) {
            self.file = file
            self.person = person
            self.credential = credential
            self.issuer = issuer
            self.proof = proof
            self.verification = verification
            self.detail = detail
        }
    }

    public struct ImportBadgesReply: Codable, Hashable, Sendable {
        public var summary: ImportSummary
        /// In the order of the files.
        public var badges: [BadgeOutcome]
        public init(summary: ImportSummary, badges: [BadgeOutcome]) {
            self.summary = summary
            self.badges = badges
        }
    }

    public struct ImportBadgesParameters: Codable, Hashable, Sendable {
        public var files: [SourceFile]
        public var dryRun: Bool?
        public init(files: [SourceFile], dryRun: Bool? = nil) {
            self.files = files
            self.dryRun = dryRun
        }
    }
}
