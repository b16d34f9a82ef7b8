import ArgumentParser
import ConvoBase
import ConvoServer
import ConvoStore
import Foundation
import Logging
import ServiceLifecycle

extension Convo {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive conversations over HTTP (OpenTelemetry OTLP, the Agnost SDK, convo JSON) and store them.",
            discussion: """
                Endpoints: POST /v1/traces and /v1/logs (OTLP/HTTP, protobuf or JSON, gzip), \
                POST /api/v1/capture-session and /api/v1/capture-event (Agnost SDK), \
                POST /v1/conversations (convo JSON or NDJSON), GET /healthz.

                Capture endpoints require the token held by the environment variable named by \
                serve.token_env (default CONVO_INGEST_TOKEN): `Authorization: Bearer TOKEN`, or \
                `X-Org-Id: TOKEN` for the Agnost SDK. Without a token the server listens on \
                loopback only, and warns. A request is answered 2xx only after its data is \
                committed; SIGTERM or SIGINT stops accepting, finishes requests in flight and exits 0.

                Example:
                  CONVO_INGEST_TOKEN=s3cret convo serve --listen 127.0.0.1:4318
                  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 \\
                  OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer s3cret" python agent.py
                """
        )

        @Option(name: .long, help: ArgumentHelp("Address to listen on, HOST:PORT (port 0 picks a free one); overrides serve.listen.", valueName: "host:port"))
        var listen: String?

        @Option(name: .customLong("port-file"), help: ArgumentHelp("Write the bound port to this file once listening.", valueName: "path"),
                completion: .file())
        var portFile: String?

        func run() async throws {
            let context = try CommandContext.current()
            let settings = context.config.serve
            let address = try ListenAddress(parsing: listen ?? settings.listen)
            let token = ProcessInfo.processInfo.environment[settings.tokenEnv].flatMap { $0.isEmpty ? nil : $0 }
            let serverConfiguration = CaptureServer.Configuration(
                address: address, token: token, maxBodyBytes: settings.maxBodyBytes,
                rejectedDirectory: context.workspace.rejectedDirectory)
            try serverConfiguration.validate()
            if token == nil {
                printError("warning: \(settings.tokenEnv) is not set: capture endpoints on \(address) accept requests without a token "
                           + "(allowed on loopback only)")
            }
            let store = try ConversationStores.open(context.config.store, in: context.workspace)
            let portFile = self.portFile.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
            let server = try CaptureServer(configuration: serverConfiguration, store: store) { bound in
                if let portFile {
                    try? Data("\(bound.port)\n".utf8).write(to: portFile, options: .atomic)
                }
                printError("convo serve: listening on http://\(bound) (store: \(context.config.store))")
            }
            var logger = Logger(label: "convo.serve") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = .warning
            let group = ServiceGroup(configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            printError("convo serve: stopped")
        }
    }
}
