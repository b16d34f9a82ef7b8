/// Getting started: keys, SDKs, environments. Mostly new trial and free accounts.
extension IntentCatalogue {
    static let setupSpecs: [IntentSpec] = [
        IntentSpec(
            "api-key-invalid", "API key rejected with 401",
            kind: .setupFriction, stage: .onboarding, sections: ["prompts/support.md#setup/api-keys"], feature: "api-keys",
            weight: 55, plans: PlanMix(free: 25, trial: 55, pro: 15, enterprise: 5), age: .firstDays,
            churn: .within48Hours(0.04), hitRate: 0.5,
            openers: [
                "{getting|I get|keep getting} {401|a 401|401 unauthorized|unauthorized} {with|using} my $apikey",
                "{my|the} $apikey {doesn't|does not|won't|wont} work{ at all|}",
                "{invalid api key|Invalid API key provided} {even though|but} I {just|} {copied|created|generated} it{ from the dashboard|}",
                "{how do I|where do I} {authenticate|pass the api key|put my api key}{?| with the api?}",
                "{every|each} request {returns|gives me} {401|authentication_error|invalid_api_key}",
                "{my|the} $apikey {got|was} {rejected|revoked?|invalid} {after|since} {I|we} {regenerated it|rotated it|created a new one}",
                "{authorization|auth} {header|bearer token} {not working|isn't accepted|is rejected}",
                "{the api|api} {says|keeps saying} {missing api key|no api key provided} {but|although} {I'm|I am} {sending it|setting it}",
                "$cant {authenticate|auth} {against|with|to} the api",
                "{new|brand new|freshly created} $apikey {returns|gives} 401",
            ],
            fragments: ["api key not working", "401 unauthorized", "invalid api key??", "auth error", "key rejected", "unauthorized error with new key", "401 with api key", "api key invalid"],
            details: [
                "{using|with} $sdk",
                "{the key|it} starts with $key_prefix",
                "{I|we} {created|generated} {it|the key} {today|an hour ago|just now}",
                "$plan_phrase",
                "$age_phrase",
                "{tried|also tried} {with Bearer|the bearer prefix|without Bearer}",
                "$tried",
                "{calling|hitting} {POST /v1/events|the events endpoint|api.relay.dev} {from|with} {curl|postman|our backend}",
            ],
            followUps: [
                "{yes|yep} {I copied|copied} the {whole|full|entire} key",
                "still {401|unauthorized|getting 401}",
                "{does|do} the key need {to be activated|some permission|a scope}?",
                "{it's|its} a {test|live} key {if that matters|btw}",
                "{no|} spaces, {no|} quotes, {still|} {invalid|401}",
            ],
            misses: [
                "Please make sure your API key is correct. You can find it in the dashboard under Settings.",
                "A 401 error means the request is unauthorized. Could you double-check your credentials?",
                "If you recently signed up, please verify your email address to activate your account.",
            ],
            hits: [
                "A 401 with invalid_api_key means the key isn't accepted for this environment: test keys (rk_test_…) only work in test mode and live keys (rk_live_…) in live mode. Send it as 'Authorization: Bearer <key>' with no quotes or spaces. If you rolled the key, the old one stops working immediately.",
                "I can see two keys on account $account; the one ending in your paste is a test key, while the request went to live mode. Use the rk_live_ key for production calls, or switch the dashboard to test mode to see those events.",
            ],
            pastes: [.unauthorized, .curlRequest], pasteRate: 0.35,
            tools: [.checkSettings("api_keys"), .searchDocs(["401 invalid api key", "authentication api key", "authorization header bearer"])], toolRate: 0.4
        ),
        IntentSpec(
            "api-key-rotate", "Rotate or revoke an API key",
            kind: .other, stage: .established, sections: ["prompts/support.md#setup/api-keys"], feature: "api-keys",
            weight: 14, plans: PlanMix(free: 15, trial: 10, pro: 50, enterprise: 25), age: .established, hitRate: 0.7,
            openers: [
                "{how do I|how can I|need to} {rotate|roll|revoke|regenerate} {our|my|an} $apikey",
                "{we|I} {accidentally|} {leaked|committed|pushed} {our|an|my} $apikey {to github|in a public repo|in a screenshot}{, what do I do|}",
                "{can I|is it possible to} {have|create} {multiple|more than one|restricted|read-only} $apikey{s|}{?|}",
                "{rotate|rolling} {keys|api keys} without downtime{?|, is that possible?}",
                "{does|will} {regenerating|rotating} the key {break|invalidate} {the old one|existing integrations} {immediately|right away}{?|}",
                "{who|which teammate} created this $apikey{? need to audit|}",
                "{github|gitguardian} {sent|flagged} {an alert|a secret scanning alert} {for|about} {our|a} relay key",
                "{our|a} {former employee|contractor who left} {had|has} {access to|a copy of} {the|our} $apikey",
            ],
            fragments: ["rotate api key", "leaked api key", "revoke key", "key rotation", "roll api key"],
            details: ["$plan_phrase", "{it|the key} {was|is} used by {$n_small|several} services", "$urgency", "{we|I} {need|want} {zero downtime|no downtime}"],
            followUps: ["{can the old key|will the old one} keep working for a bit?", "{I mean|I need to} {revoke|kill} it {now|immediately}"],
            misses: [
                "API keys are used to authenticate your requests. Please keep them secret.",
                "You can find your API keys in the dashboard under Settings.",
            ],
            hits: [
                "Go to Settings > API keys, create a new key and deploy it, then click “Roll” on the old one: you can keep it valid for up to 24 hours so nothing breaks. If a key leaked, roll it with immediate expiry instead.",
            ],
            tools: [.checkSettings("api_keys"), .searchDocs(["rotate api key", "revoke leaked key"])], toolRate: 0.3
        ),
        IntentSpec(
            "sdk-install-error", "SDK fails to install or import",
            kind: .setupFriction, stage: .onboarding, sections: ["prompts/support.md#setup/sdk-installation"], feature: "sdk",
            weight: 42, plans: PlanMix(free: 35, trial: 45, pro: 15, enterprise: 5), age: .firstDays,
            churn: .within48Hours(0.03), hitRate: 0.55,
            openers: [
                "$cant install {the|your} $sdk",
                "{npm install|pip install|installing|composer require|go get} {fails|is failing|errors out} {for|on} {the relay sdk|relay|$package}",
                "$package {won't|doesn't|wont} {install|import|build}",
                "{getting|I get} {an|this} error {installing|when installing|importing} {the sdk|$package}",
                "{does|is} {the|your} $sdk {support|compatible with} {node 16|python 3.8|php 7.4|older versions}{?|}",
                "{module not found|cannot find module|no module named relay} {after|even after} {installing|install}",
                "{which|what} {package|version} {do I|should I} install{ for $lang|}{?|}",
                "{your|the} quickstart {install step|code} {doesn't work|fails|is broken} {for|with} $lang",
                "{dependency|peer dependency|version} conflict {when|while} installing $package",
            ],
            fragments: ["sdk install fails", "npm install error", "cant import relay", "pip install relay-sdk broken", "module not found relay", "sdk wont install"],
            details: [
                "{on|using} {node 16|node 18|node 20|python 3.8|python 3.11|php 7.4|go 1.21|ruby 3.2}",
                "{mac|macbook m1|windows|ubuntu|an alpine docker image}",
                "$tried",
                "$age_phrase",
                "{following|copied from} $docs",
            ],
            followUps: ["{still|} same error", "{I'm|we're} on the version {the docs|you} said", "{no|} {it's|its} the install that fails, not the code"],
            misses: [
                "Please make sure you're using a valid API key when initializing the SDK.",
                "You can find code samples for all our SDKs in the documentation.",
                "Try reinstalling the package and restarting your development server.",
            ],
            hits: [
                "The current SDK needs a recent runtime ($lang requirements are in the install guide). The package name is $package; older tutorials use a deprecated name. Install the latest major version and delete your lockfile if the resolver complains.",
            ],
            pastes: [.installFailure], pasteRate: 0.5,
            tools: [.searchDocs(["install sdk", "sdk installation error", "package not found"])], toolRate: 0.35
        ),
        IntentSpec(
            "sdk-upgrade-breaking", "SDK upgrade broke the integration",
            kind: .bugReport, stage: .established, sections: ["prompts/support.md#setup/sdk-installation"], feature: "sdk",
            weight: 13, plans: PlanMix(free: 15, trial: 10, pro: 55, enterprise: 20), age: .established, hitRate: 0.5, trend: 1.12,
            openers: [
                "{after|since} {upgrading|updating|bumping} {to v4|the sdk to $version|to the latest sdk} {everything|our code|our integration} {broke|is broken|stopped working}",
                "{breaking change|breaking changes} in {the latest|the new|v4} $sdk{?|, no migration guide?}",
                "{upgrade|migration} {from|} v3 to v4 {is a mess|breaks things|is failing}",
                "{method|function} {removed|renamed|undefined} {in|after} {the|} {new|latest} sdk{ release|}",
                "{dependabot|renovate} {bumped|upgraded} $package and {now|} {tests fail|our build fails|things broke}",
                "{where's|is there} {the|a} {migration guide|changelog} for $sdk {v4|4.0}{?|}",
                "{minor|patch} {version|release} {shouldn't|should not} break {things|our build}{!|}",
            ],
            fragments: ["sdk v4 broke everything", "breaking change in sdk", "migration v3 to v4", "upgrade broke build", "new sdk version broken"],
            details: ["{on|using} $lang with $framework", "{rolled back|pinned} to v3 for now", "$urgency", "$plan_phrase"],
            followUps: ["{I|we} {read|checked} the changelog, {it|this} {isn't|is not} {there|mentioned}", "{which|what} {replaces|is the replacement for} {it|that method}?"],
            misses: [
                "Please make sure you're using the latest version of the SDK.",
                "Could you share your API key prefix so I can check your account?",
            ],
            hits: [
                "v4 renamed a few calls (client.events.send → client.events.create; Webhook.constructEvent moved to client.webhooks.verify). The migration guide lists every change; or pin 3.x until you migrate, which stays supported for 12 months.",
            ],
            pastes: [.sdkUpgradeError], pasteRate: 0.45,
            tools: [.searchDocs(["sdk v4 migration guide", "breaking changes sdk"])], toolRate: 0.35
        ),
        IntentSpec(
            "test-vs-live-environment", "Test and live environments mixed up",
            kind: .setupFriction, stage: .onboarding, sections: ["prompts/support.md#setup/environments"], feature: "environments",
            weight: 36, plans: PlanMix(free: 15, trial: 40, pro: 35, enterprise: 10), age: .onboarding, hitRate: 0.55,
            openers: [
                "{events|webhooks|data} {I create|I send|we send} in $testmode {don't show up|aren't visible|don't appear} in {live|production|the live dashboard}",
                "{how do I|how to} {switch|move|go} from {test mode|the sandbox|test} to {live|production}{?|}",
                "{works|everything works} in $testmode but {not in|fails in} $prod",
                "{a similar object exists in test mode|'similar object exists in live mode'} {error|} {what does that mean|??|}",
                "{do I|do we} need {separate|different} {api keys|endpoints|webhooks} for {test and live|each environment}{?|}",
                "{going live|launch} checklist{?| - what do I need to change}",
                "{my|our} {live|production} {endpoint|webhook} {isn't receiving|doesn't get} {the|} events {I send|from test}",
                "{can I|how do I} {copy|promote|move} {my|our} {endpoints|config|settings} from {test|staging} to {live|prod}{?|}",
                "{the|my} dashboard {shows|is showing} no data {but|even though} {we're|I'm} sending events",
            ],
            fragments: ["test vs live", "test mode to live mode", "works in sandbox not prod", "switch to production", "live mode not working"],
            details: ["{using|with} {the same|one} $apikey {for both|everywhere}", "$plan_phrase", "{we|I} {launch|go live} {tomorrow|next week|friday}", "{staging|test} {is|was} {fine|all green}"],
            followUps: ["{so|ok so} {nothing|no config} carries over from test?", "{I'm|we're} {using|on} the live key {already|now}"],
            misses: [
                "Please make sure your API key is valid and has not been revoked.",
                "You can view all your events in the dashboard under Events.",
            ],
            hits: [
                "Test and live are separate environments: each has its own API keys, endpoints and events, and nothing is shared. Create the endpoint again in live mode (the toggle top-left in the dashboard) and use your rk_live_ key in production.",
            ],
            pastes: [.wrongEnvironment], pasteRate: 0.3,
            tools: [.checkSettings("environments"), .searchDocs(["test mode live mode", "going live checklist"])], toolRate: 0.35
        ),
        IntentSpec(
            "cors-browser-error", "CORS error calling the API from a browser",
            kind: .setupFriction, stage: .onboarding, sections: ["prompts/support.md#setup/api-keys"], feature: "api",
            weight: 10, plans: PlanMix(free: 35, trial: 40, pro: 20, enterprise: 5), age: .firstDays, hitRate: 0.6,
            openers: [
                "{getting|I get} {a|} CORS {error|errors|issue} {when calling|calling} {the|your} api {from the browser|from react|from my frontend}",
                "{blocked by CORS policy|no access-control-allow-origin header} {on|when hitting} api.relay.dev",
                "{can I|how do I} call {relay|the api|your api} {directly|} from {the browser|client side|my react app|frontend js}{?|}",
                "{fetch|axios} {to|from} {relay|your api} {fails|fails with cors} {in|on} {chrome|the browser|localhost}",
                "{preflight|OPTIONS} request {fails|returns 404|gets blocked}{ on your api|}",
            ],
            fragments: ["cors error", "CORS blocked", "cors issue calling api from browser", "access-control-allow-origin missing"],
            details: ["{using|with} {react|vue|next.js|svelte|angular}", "{works|it works} {in postman|with curl}", "$age_phrase"],
            followUps: ["{but|so} {how|where} do I put the key then?", "{can you|could you} {whitelist|allow} {our|my} domain?"],
            misses: [
                "Please make sure your API key is correct and included in the Authorization header.",
                "Try clearing your browser cache and trying again.",
            ],
            hits: [
                "The API doesn't allow browser calls on purpose: a secret key in frontend code is visible to anyone. Call Relay from your backend (or a serverless function) and have your frontend talk to that.",
            ],
            pastes: [.cors], pasteRate: 0.45,
            tools: [.searchDocs(["cors browser api key", "call api from frontend"])], toolRate: 0.3
        ),
        IntentSpec(
            "terraform-provider-request", "Terraform provider / infrastructure as code",
            kind: .featureRequest, stage: .established, sections: ["prompts/support.md#setup/environments"], feature: "environments",
            weight: 6, plans: PlanMix(free: 5, pro: 55, enterprise: 40), age: .established, hitRate: 0.6,
            openers: [
                "{is there|do you have} a terraform provider{ for relay|}{?|}",
                "{can we|how do we} {manage|configure|provision} {endpoints|webhooks|api keys} {with|via|as} {terraform|pulumi|infrastructure as code|iac}{?|}",
                "{feature request|would love}: {terraform|pulumi} {support|provider}",
                "{we|I} {want|need} to {keep|manage} {our|} relay config in {git|code|terraform} {across|for} {environments|staging and prod}",
            ],
            fragments: ["terraform provider?", "iac support", "pulumi provider", "relay terraform"],
            details: ["{we have|we run} {$n_small|a dozen|20+} environments", "$plan_phrase", "{clicking|click-ops} in the dashboard doesn't scale"],
            followUps: ["{any|is there an} eta?", "{is there|any} {an|} api {for|to manage} endpoints {at least|then}?"],
            misses: ["You can manage your endpoints in the dashboard under Developers > Webhooks."],
            hits: [
                "There's no official Terraform provider yet (it's on the roadmap and I've added your vote). Every dashboard setting is available through the management API (endpoints, subscriptions, keys), which teams script in CI today.",
            ],
            tools: [.createTicket, .searchDocs(["terraform provider", "management api endpoints"])], toolRate: 0.25
        ),
        IntentSpec(
            "sdk-language-request", "SDK for another language",
            kind: .featureRequest, stage: .onboarding, sections: ["prompts/support.md#setup/sdk-installation"], feature: "sdk",
            weight: 6, plans: PlanMix(free: 35, trial: 35, pro: 25, enterprise: 5), age: .onboarding, hitRate: 0.65,
            openers: [
                "{do you have|is there|any plans for} {an|a} {elixir|rust|swift|kotlin|dart|deno|scala|c++|haskell} {sdk|client|library}{?|}",
                "{official|} {rust|elixir|swift|kotlin} sdk {when|eta|please}{?|}",
                "{we use|our stack is} {elixir|rust|haskell|clojure|crystal}{ - is there a client|, any sdk?|}",
                "{openapi spec|an openapi spec|a postman collection} {available|somewhere}{ so we can generate a client|?|}",
            ],
            fragments: ["rust sdk?", "elixir client", "openapi spec?", "kotlin sdk", "swift sdk?"],
            details: ["{we'd|we would} {happily|} {use|contribute to} a community one", "$age_phrase"],
            followUps: ["{is|are} {the|} community {libraries|clients} {safe|maintained}?"],
            misses: ["You can install the SDK with your package manager. See the installation guide for details."],
            hits: [
                "Official SDKs cover Node, Python, Go, Ruby, PHP, Java and .NET. For other languages, the OpenAPI spec at api.relay.dev/openapi.json generates a client; a community Rust crate and Elixir library exist (not officially supported). I've logged your request.",
            ],
            tools: [.searchDocs(["supported sdk languages", "openapi spec"])], toolRate: 0.3
        ),
    ]
}
