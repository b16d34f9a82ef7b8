extension GovernedRepository {
    /// Commits an edit of `#webhooks` with an `Intent: webhook-not-firing` trailer, committed on
    /// 2026-11-25 (in 2026-W48), and pushes it to origin's main: the change that `convo watch`
    /// and `convo report` find merged.
    func mergeWebhookFix() throws {
        try replace(webhooksLine, with: webhooksLine + " Check that webhooks are enabled.", in: "prompts/support.md")
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "Fix webhook setup\n\nIntent: webhook-not-firing"],
                environment: ["GIT_COMMITTER_DATE": "2026-11-25T12:00:00Z", "GIT_AUTHOR_DATE": "2026-11-24T12:00:00Z"])
        try git(["push", "-q", "origin", "main"])
    }
}
