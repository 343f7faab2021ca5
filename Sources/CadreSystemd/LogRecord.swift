import Logging

/// What one log call carries, merged once so the journal and the stderr handler agree.
struct LogRecord {
    var level: Logger.Level
    var message: String
    /// Handler metadata, then the metadata provider's, then the call's own: later wins.
    var metadata: Logger.Metadata
    var label: String
    var file: String
    var line: UInt
    var function: String

    init(event: LogEvent, label: String, handlerMetadata: Logger.Metadata, provider: Logger.MetadataProvider?) {
        var merged = handlerMetadata
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        if let error = event.error, merged["error"] == nil { merged["error"] = "\(error)" }
        level = event.level
        message = event.message.description
        metadata = merged
        self.label = label
        file = event.file
        line = event.line
        function = event.function
    }
}
