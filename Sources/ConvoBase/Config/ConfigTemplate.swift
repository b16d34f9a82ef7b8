/// The files `convo init` writes into `.convo/`. The config template spells out every setting
/// at its default with a comment saying what it does, so reading it is the documentation;
/// a test checks it parses to exactly `ConvoConfig()` and that PyYAML reads the same values.
public enum ConfigTemplate {
    /// `.convo/config.yaml`.
    public static let configYAML = """
        # convo settings. Every key is optional: each is shown here at its default, and deleting a
        # key gives the same result. Command-line flags override this file.

        # Where captured conversations are kept: a SQLite file under .convo/ (ignored by git), or a
        # PostgreSQL URL such as postgres://user@host:5432/db when capture outgrows one machine.
        store: sqlite:.convo/store.sqlite

        # Files whose sections need an intent to change: the pre-push hook and `convo check` refuse
        # a commit that changes one of their sections without an `Intent:` trailer naming an intent
        # that touches it. Globs relative to the repository root: * within a directory, ** across.
        governed: ["prompts/**"]

        # `convo serve`: the HTTP receiver for transcripts (OTLP/HTTP, the Agnost SDK, convo JSON).
        serve:
          # Address and port to listen on; 127.0.0.1 accepts connections from this machine only.
          listen: 127.0.0.1:4318
          # Name of the environment variable holding the token every capture request must carry.
          token_env: CONVO_INGEST_TOKEN
          # Largest request body accepted, in bytes (4 MiB); bigger requests are refused with 413.
          max_body_bytes: 4194304

        # How conversations become vectors for `convo cluster`.
        #   builtin  works offline, with no model files.
        #   local    a sentence-embedding model on disk:   model: /path/to/all-MiniLM-L6-v2
        #   openai   any OpenAI-compatible /v1/embeddings endpoint:
        #            base_url: https://api.openai.com/v1, model: text-embedding-3-small,
        #            api_key_env: OPENAI_API_KEY (the name of the variable, never the key itself)
        embeddings:
          provider: builtin

        # Optional chat model (any OpenAI-compatible endpoint) for naming intents, telling their
        # kind, and `convo propose --draft`. Without it convo works fully offline.
        # llm:
        #   base_url: http://127.0.0.1:11434/v1
        #   model: llama3.1
        #   api_key_env: OPENAI_API_KEY

        cluster:
          # No group smaller than this becomes an intent; this also keeps rare, identifying
          # conversations out of intent files.
          min_size: 5

        # `convo rank`: priority = frequency × revenue exposure × stage weight ÷ fix cost.
        rank:
          # Weight of a conversation by the user's plan; unknown plans weigh like the cheapest one.
          # When the accounts file has MRR, an account's weight is scaled by its MRR over the mean
          # MRR of its plan. Revenue exposure is the mean weight over the intent's conversations.
          plan_weights: {free: 1, trial: 3, pro: 4, enterprise: 8}
          # A conversation whose account churned within this many hours after it ...
          churn_window_hours: 48
          # ... weighs this many times more (1 turns the raise off).
          churn_multiplier: 2
          # Highest account age, in days, of each stage; older accounts are "established". An
          # intent's stage is the most common one among its conversations, unless its file sets one.
          stage_bands_days: {onboarding: 7, activation: 30}
          stage_weights: {onboarding: 3, activation: 2, established: 1}
          # Cost of the change an intent needs, by the kind of section it touches: Markdown prompt
          # sections, YAML/JSON config keys, or harness tool definitions (tools.*). The dearest
          # kind among its touches counts, unless its file sets a cost.
          fix_cost: {prompt: 1, config: 2, harness: 3}

        propose:
          # At most this many Conversation-Id trailers on a commit made by `convo propose`.
          max_conversation_trailers: 20

        redaction:
          # Extra regular expressions (ICU syntax) whose matches become <redacted> before user text
          # reaches an intent file, a commit message or a PR body. Built in, always on: emails, phone
          # numbers, card numbers, API keys and tokens, passwords, IP addresses.
          # Example: patterns: ['ACME-\\d{6}', '(?i)project falcon']
          patterns: []

        # The GitHub API used to open pull requests.
        github:
          # REST API base URL; GitHub Enterprise uses https://HOST/api/v3.
          api_url: https://api.github.com
          # Name of the environment variable holding a token allowed to open pull requests.
          token_env: GITHUB_TOKEN

        """

    /// `.convo/.gitignore`: what convo keeps locally and never commits.
    public static let gitignore = """
        # convo's local data, never committed.
        # The conversation store: raw transcripts (SQLite and its journal files).
        /store.sqlite
        /store.sqlite-*
        # Derived data such as embedding caches.
        /cache/
        # Records `convo ingest` and `convo serve` could not accept; they hold raw user text.
        /rejected/
        # Reports rebuilt from the store on demand.
        /report/

        """
}
