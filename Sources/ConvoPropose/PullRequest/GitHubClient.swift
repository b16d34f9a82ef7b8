public import ConvoBase
public import ConvoLLM
import Foundation

/// A GitHub repository named by a git remote URL.
public struct GitHubRepository: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased; `github.com`, or a GitHub Enterprise host that needs `github.api_url`.
    public var host: String
    public var owner: String
    public var name: String

    public init(host: String, owner: String, name: String) {
        self.host = host
        self.owner = owner
        self.name = name
    }

    /// Reads the remote URL forms git accepts: `https://github.com/o/r(.git)`,
    /// `git@github.com:o/r.git` (scp-like), `ssh://git@github.com[:22]/o/r.git`, `git://…`.
    /// Nil for anything else (a local path, a URL without `owner/repo`).
    public init?(remoteURL: String) {
        let text = remoteURL.trimmingCharacters(in: .whitespacesAndNewlines)
        var host: Substring
        var path: Substring
        if let scheme = text.range(of: "://") {
            guard ["https", "http", "ssh", "git", "git+ssh", "ssh+git"].contains(text[..<scheme.lowerBound].lowercased()) else {
                return nil
            }
            let rest = text[scheme.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            host = rest[..<slash]
            path = rest[rest.index(after: slash)...]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            // scp-like `[user@]host:path`; a first `/` before the colon would make it a local path.
            host = text[..<colon]
            path = text[text.index(after: colon)...]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        } else {
            return nil
        }
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix(".git") { path = path.dropLast(4) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !host.isEmpty, parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else { return nil }
        self.init(host: String(host).lowercased(), owner: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(owner)/\(name)" }
}

/// A pull request GitHub created.
public struct CreatedPullRequest: Sendable, Hashable {
    public var number: Int
    /// The pull request's page (`html_url`), for people.
    public var url: String
}

/// What `POST /repos/{owner}/{repo}/pulls` needs.
public struct PullRequestRequest: Sendable, Hashable {
    public var title: String
    /// The branch with the change (`convo/webhook-not-firing`).
    public var head: String
    /// The branch to merge into (`main`).
    public var base: String
    public var body: String
    public var draft: Bool

    public init(title: String, head: String, base: String, body: String, draft: Bool = false) {
        self.title = title
        self.head = head
        self.base = base
        self.body = body
        self.draft = draft
    }
}

/// The slice of GitHub's REST API convo uses: opening a pull request.
public struct GitHubClient: Sendable {
    /// `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server.
    public var apiURL: String
    /// Sent as `Authorization: Bearer`; never written anywhere.
    public var token: String
    public var transport: any HTTPTransport
    /// The API version convo is written against (`X-GitHub-Api-Version`).
    public static let apiVersion = "2022-11-28"

    public init(apiURL: String, token: String, transport: any HTTPTransport = URLSessionTransport()) {
        var apiURL = apiURL
        while apiURL.hasSuffix("/") { apiURL.removeLast() }
        self.apiURL = apiURL
        self.token = token
        self.transport = transport
    }

    /// Opens a pull request.
    /// - Throws: `GitHubError` saying what GitHub objected to (bad token, no access, a pull
    ///   request for the branch exists already, …) and what to do.
    public func createPullRequest(_ pull: PullRequestRequest, in repository: GitHubRepository,
                                  userAgent: String) async throws -> CreatedPullRequest {
        guard let url = URL(string: "\(apiURL)/repos/\(Self.escape(repository.owner))/\(Self.escape(repository.name))/pulls") else {
            throw GitHubError("github.api_url '\(apiURL)' is not a URL", status: nil,
                              hints: ["set github.api_url in .convo/config.yaml to https://api.github.com or https://HOST/api/v3"])
        }
        let body: JSONValue = .object([
            "title": .string(pull.title), "head": .string(pull.head), "base": .string(pull.base),
            "body": .string(pull.body), "draft": .bool(pull.draft),
        ])
        let request = HTTPRequest(method: "POST", url: url, headers: [
            ("Accept", "application/vnd.github+json"),
            ("Authorization", "Bearer \(token)"),
            ("X-GitHub-Api-Version", Self.apiVersion),
            ("User-Agent", userAgent),
            ("Content-Type", "application/json"),
        ], body: Data(body.jsonText.utf8))
        let response = try await transport.send(request)
        let json = response.json
        guard response.status == 201 || response.status == 200 else {
            throw GitHubError.from(status: response.status, json: json, repository: repository, pull: pull)
        }
        guard let number = json?["number"]?.intValue, let link = json?["html_url"]?.stringValue else {
            throw GitHubError("GitHub answered \(response.status) without a pull request number and URL", status: response.status)
        }
        return CreatedPullRequest(number: Int(number), url: link)
    }

    private static func escape(_ component: String) -> String {
        component.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? component
    }
}

/// GitHub refused a request.
public struct GitHubError: UserFacingError {
    public var message: String
    public var hints: [String]
    /// The HTTP status, when GitHub answered.
    public var status: Int?

    public init(_ message: String, status: Int?, hints: [String] = []) {
        self.message = message
        self.status = status
        self.hints = hints
    }

    static func from(status: Int, json: JSONValue?, repository: GitHubRepository, pull: PullRequestRequest) -> GitHubError {
        let said = json?["message"]?.stringValue ?? "no message"
        let details = (json?["errors"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue ?? $0["code"]?.stringValue }
        let detailText = details.isEmpty ? said : "\(said): \(details.joined(separator: "; "))"
        switch status {
        case 401:
            return GitHubError("GitHub rejected the token (401 \(said))", status: status,
                               hints: ["check that the token is current; create one with permission to write pull requests "
                                       + "(fine-grained: Pull requests read/write; classic: repo) and export it"])
        case 403:
            return GitHubError("GitHub refused to open the pull request (403 \(detailText))", status: status,
                               hints: ["the token may lack permission to write pull requests in \(repository), "
                                       + "or the API rate limit was reached; try again later"])
        case 404:
            return GitHubError("GitHub has no repository \(repository), or the token cannot see it (404)", status: status,
                               hints: ["check the remote URL and that the token has access to \(repository)",
                                       "for GitHub Enterprise, set github.api_url in .convo/config.yaml to https://HOST/api/v3"])
        case 422:
            var hints: [String] = []
            let all = details.joined(separator: " ") + " " + said
            if all.contains("A pull request already exists") {
                hints.append("\(pull.head) has an open pull request already; push new commits to it (`convo pr ... --push`) instead")
            } else if all.contains("No commits between") {
                hints.append("\(pull.head) has no commits that \(pull.base) lacks; push the branch first (`--push`)")
            } else if all.lowercased().contains("head") {
                hints.append("push the branch first (`--push`), and check that \(pull.head) exists on GitHub")
            } else {
                hints.append("check the base branch '\(pull.base)' (`--base`) and the branch '\(pull.head)'")
            }
            return GitHubError("GitHub could not open the pull request (422 \(detailText))", status: status, hints: hints)
        default:
            return GitHubError("GitHub answered \(status): \(detailText)", status: status)
        }
    }
}
