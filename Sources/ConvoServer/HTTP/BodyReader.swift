import ConvoBase
import Foundation
import Hummingbird

/// A request refused before its data reached the store, with the HTTP status that says why.
struct CaptureRequestError: Error {
    var status: HTTPResponse.Status
    var message: String
    /// Seconds for `Retry-After` (429/503).
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }
}

/// Reads a request body within the size limit, inflating `gzip`/`deflate` as it streams in;
/// the limit applies to the inflated size too, so a small compressed body cannot expand
/// past it.
enum BodyReader {
    static func read(_ request: Request, limit: Int) async throws(CaptureRequestError) -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw tooLarge(limit)
        }
        let encoding = (request.headers[.contentEncoding] ?? "identity").trimmingCharacters(in: .whitespaces).lowercased()
        var inflater: Inflater?
        switch encoding {
        case "", "identity", "none": inflater = nil
        case "gzip", "x-gzip", "deflate":
            do {
                inflater = try Inflater(limit: limit)
            } catch {
                throw CaptureRequestError(.internalServerError, "could not start decompression: \(error.message)")
            }
        default:
            throw CaptureRequestError(.unsupportedMediaType, "Content-Encoding '\(encoding)' is not supported; send gzip, deflate or no encoding")
        }
        var body: [UInt8] = []
        var received = 0
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                if received > limit { throw tooLarge(limit) }
                if let inflater {
                    let out: [UInt8] = try chunk.withUnsafeReadableBytes { buffer throws(DecompressionError) in try inflater.feed(buffer) }
                    body.append(contentsOf: out)
                } else {
                    body.append(contentsOf: chunk.readableBytesView)
                }
            }
            try inflater?.finish()
        } catch let error as CaptureRequestError {
            throw error
        } catch let error as DecompressionError {
            if case .tooLarge = error { throw tooLarge(limit) }
            throw CaptureRequestError(.badRequest, "the \(encoding) body cannot be decompressed: \(error.message)")
        } catch {
            throw CaptureRequestError(.badRequest, "the request body could not be read: \(error)")
        }
        return body
    }

    static func tooLarge(_ limit: Int) -> CaptureRequestError {
        CaptureRequestError(.contentTooLarge, "the request body is larger than the limit of \(limit) bytes (serve.max_body_bytes); send smaller batches")
    }
}
