import ConvoBase
import ConvoIngest
import ConvoOTLP
import ConvoStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `convo serve`: the HTTP capture receiver (OTLP/HTTP traces and logs, the Agnost SDK
/// endpoints, convo's own JSON) in front of one conversation store.
///
/// Run it inside a `ServiceGroup` (the CLI adds SIGTERM/SIGINT as graceful-shutdown signals).
/// On graceful shutdown it stops accepting connections, finishes the requests in flight,
/// commits the telemetry still waiting for its spans (with fallback ids), and returns.
public struct CaptureServer: Service {
    public struct Configuration: Sendable {
        public var address: ListenAddress
        /// The capture token; nil or empty means none, which is allowed on loopback only.
        public var token: String?
        /// The most bytes a request body may have, before and after decompression.
        public var maxBodyBytes: Int
        /// Where refused records are appended (`serve.jsonl`); nil keeps no record.
        public var rejectedDirectory: URL?
        /// Fragments queued for the store beyond which requests get 503 + Retry-After.
        public var maxQueuedConversations: Int
        public var assemblerLimits: GenAIAssembler.Limits
        /// How often records that waited too long for their span are committed.
        public var expiryInterval: Duration

        public init(address: ListenAddress, token: String?, maxBodyBytes: Int, rejectedDirectory: URL?,
                    maxQueuedConversations: Int = 50_000, assemblerLimits: GenAIAssembler.Limits = .init(),
                    expiryInterval: Duration = .seconds(1)) {
            self.address = address
            self.token = token
            self.maxBodyBytes = maxBodyBytes
            self.rejectedDirectory = rejectedDirectory
            self.maxQueuedConversations = maxQueuedConversations
            self.assemblerLimits = assemblerLimits
            self.expiryInterval = expiryInterval
        }

        /// Refuses an address reachable from other machines when no token is set.
        public func validate() throws(ConvoError) {
            if (token ?? "").isEmpty && !address.isLoopback {
                throw ConvoError.usage(
                    "refusing to listen on \(address) without a capture token",
                    hints: ["set the variable named by serve.token_env (default CONVO_INGEST_TOKEN) to a secret token, or listen on 127.0.0.1"])
            }
            guard maxBodyBytes > 0 else {
                throw ConvoError.usage("serve.max_body_bytes must be positive, found \(maxBodyBytes)")
            }
        }
    }

    public let configuration: Configuration
    private let ingestor: CaptureIngestor
    private let onListening: @Sendable (ListenAddress) async -> Void

    /// - Parameter onListening: called once the socket is bound, with the actual port (for
    ///   port 0), so callers can print it or write a port file.
    public init(configuration: Configuration, store: sending any ConversationStore,
                onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) throws(ConvoError) {
        try configuration.validate()
        self.configuration = configuration
        self.onListening = onListening
        ingestor = CaptureIngestor(store: store,
                                   rejected: configuration.rejectedDirectory.map { RejectedRecordWriter(directory: $0, name: "serve") },
                                   maxQueuedConversations: configuration.maxQueuedConversations,
                                   assemblerLimits: configuration.assemblerLimits)
    }

    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        CaptureRoutes(ingestor: ingestor, tokens: TokenCheck(token: configuration.token), maxBodyBytes: configuration.maxBodyBytes)
            .register(on: router)
        var logger = Logger(label: "convo.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let host = configuration.address.host
        let onListening = self.onListening
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.address.port), serverName: nil),
            services: [PendingExpiry(ingestor: ingestor, interval: configuration.expiryInterval)],
            onServerRunning: { channel in
                await onListening(ListenAddress(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger)
        try await app.run()
        // The HTTP server has stopped and its requests are answered: commit what still waits.
        await ingestor.flushPending()
    }
}

/// Commits, once a second, the telemetry records that waited too long for their span.
struct PendingExpiry: Service {
    let ingestor: CaptureIngestor
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await ingestor.expirePending()
        }
    }
}
