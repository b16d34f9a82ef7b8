/// Rate limits, errors and slowness: mostly paying accounts in production.
extension IntentCatalogue {
    static let reliabilitySpecs: [IntentSpec] = [
        IntentSpec(
            "rate-limit-429", "Rate limited with 429 Too Many Requests",
            kind: .bugReport, stage: .established,
            sections: ["prompts/support.md#rate-limits", "prompts/harness.yaml#tools.get_rate_limit_usage.description"], feature: "rate-limits",
            weight: 70, plans: PlanMix(free: 7, trial: 8, pro: 65, enterprise: 20), age: .established, hitRate: 0.45,
            openers: [
                "{getting|we're getting|keep getting|hitting} {429|429s|too many requests|rate limit} errors {on|from|when calling} {the api|POST /v1/events|your api}",
                "{why am I|why are we} {being|getting} rate limited{?| at only $rps req/s?}",
                "{429 too many requests|Too Many Requests} {even though|but|although} {we're|I'm} {way under|under|nowhere near} the limit",
                "{what|what's} {is|} {the|our} rate limit{ on pro| for our plan|}{?|}",
                "{rate limiting|the rate limit} {kicks in|starts} {at|around} $rps {requests per second|rps|req/s}{, expected?|}",
                "{our|my} {batch job|import|nightly sync|backfill} {gets|keeps getting} {429|throttled|rate limited}",
                "{x-ratelimit-remaining|the rate limit headers} {shows|show} 0 {but|and} {we|I} {barely|hardly} send anything",
                "{how do I|how to} {check|see|monitor} {our|my} rate limit usage{?|}",
                "{bursts|spikes} of {requests|events} {get|are} {rejected|throttled} with 429",
                "{api|the api} {started|suddenly started} {returning|throwing} 429 $timeago",
                "{we|I} {get|got} throttled {sending|when sending} $n_events events",
            ],
            fragments: ["429 errors", "rate limited", "too many requests", "getting 429s", "rate limit hit", "throttled by api", "429 on every call", "rate limit issue"],
            details: [
                "{we send|we're sending|peak is} {about|~|around} $rps {req/s|requests per second|rps}",
                "$plan_phrase",
                "{from|across} {$n_small|multiple|several} {workers|pods|servers|lambdas}",
                "{it's been like this|this has been happening|seeing this} $timeago",
                "{we use|we're using|I use|I'm using} $sdk{ with default retries|}",
                "{nothing|no code} changed on our side",
                "$urgency",
            ],
            followUps: [
                "{we're|we are} {way|well} under {$rps rps|$rps req/s|the documented limit}",
                "{is the limit|are limits} per key or per account?",
                "{can you|could you} {check|look at} {our|my} {actual|} usage?",
                "{retries|retrying} {makes|made} it worse",
            ],
            misses: [
                "Rate limits protect the platform for everyone. Please wait a moment and try your request again.",
                "A 429 error means you've sent too many requests. You may want to upgrade your plan for higher limits.",
                "Please make sure your API key is valid. Invalid keys can also cause request failures.",
            ],
            hits: [
                "Your usage shows bursts above your plan's per-second limit; limits apply per account, summed across all your workers. Spread requests with a token bucket, honour the Retry-After header, and use the batch endpoint (up to 100 events per call). If you still need more, limits can be raised on enterprise.",
                "I looked at account $account: you peak at about twice your per-second limit for a few seconds every minute, which looks like a cron burst. Jitter the job's start and back off on 429 using Retry-After; the $sdk does this if you enable its retry option.",
            ],
            pastes: [.rateLimited], pasteRate: 0.4,
            tools: [.rateLimitUsage, .searchDocs(["rate limits 429", "too many requests retry-after"])], toolRate: 0.55
        ),
        IntentSpec(
            "rate-limit-increase", "Asking for higher rate limits",
            kind: .pricingConfusion, stage: .established, sections: ["prompts/support.md#rate-limits", "prompts/support.md#billing-and-plans"],
            feature: "rate-limits",
            weight: 12, plans: PlanMix(free: 5, trial: 10, pro: 55, enterprise: 30), age: .established, hitRate: 0.6,
            openers: [
                "{can you|could you|can we} {raise|increase|bump} {our|my|the} rate limit{s|}{?| to $rps req/s?}",
                "{what plan|which plan} {do we need|gives us} {for|} {higher|more} {rate limits|throughput|requests per second}{?|}",
                "{need|we need} {higher|more} {limits|throughput|capacity} {for|ahead of} {black friday|a launch|a big migration|a marketing campaign}",
                "{how much|what does it cost} {to get|for} {a higher|an increased} rate limit{?|}",
                "{does|is} {enterprise|the enterprise plan} {include|come with} {higher|custom|dedicated} {rate limits|throughput}{?|}",
                "{temporary|one-time} {rate limit increase|limit bump} {for|during} {a backfill|a migration|next week}{?|}",
            ],
            fragments: ["raise rate limit", "higher rate limits", "rate limit increase", "need more throughput", "bump our limits pls"],
            details: ["{we expect|expecting} {about|} $rps req/s {at peak|during the event}", "$plan_phrase", "{the|our} {launch|campaign} is {next week|on $weekday}"],
            followUps: ["{is there|any} {a|} {price|cost} for that?", "{can|could} {it|this} be temporary?"],
            misses: [
                "A 429 error means you've sent too many requests. Please wait and retry.",
                "You can see your current plan under Settings > Billing.",
            ],
            hits: [
                "Pro accounts can request a temporary increase for planned events (up to 3x for 7 days); permanent custom limits come with enterprise. I've opened a request with your expected peak so the team can confirm before your launch.",
            ],
            tools: [.rateLimitUsage, .createTicket], toolRate: 0.4
        ),
        IntentSpec(
            "api-5xx-errors", "API returning 5xx errors (is it down?)",
            kind: .bugReport, stage: .established, sections: ["prompts/support.md#escalation"], feature: "api",
            weight: 20, plans: PlanMix(free: 10, trial: 15, pro: 45, enterprise: 30), age: .established, hitRate: 0.5,
            openers: [
                "is {the api|relay|everything} down{?|??| right now?}",
                "{getting|we're getting|seeing} {500s|502s|503s|5xx errors|internal server errors} from {the api|api.relay.dev|relay}",
                "{api|relay} {returning|throwing} {500|502|503|bad gateway} {for every request|$timeago|intermittently}",
                "{status page|your status page} {says|shows} {all green|operational} but {we're|I'm} getting {errors|500s}",
                "{outage|incident}{?| right now?} {requests|calls} {failing|erroring} {across the board|everywhere}",
                "{the dashboard|dashboard} {won't load|is down|shows 502}",
                "{are you|is relay} having {an outage|issues|problems} {right now|today}{?|}",
            ],
            fragments: ["api down?", "500 errors", "relay down", "outage?", "getting 502s", "is relay down", "503 from api"],
            details: ["$urgency", "{our|the} {checkout|signup flow|pipeline} {depends on|relies on} {this|it}", "{in|from} {us-east|eu-west|frankfurt|virginia}", "{it's been like this|this has been happening|seeing this} $timeago"],
            followUps: ["{still|} {happening|failing}", "{any|is there an} eta?", "{is this|so it's} on your side?"],
            misses: [
                "Please make sure your API key is correct and that your request body is valid JSON.",
                "Our status page at status.relay.dev shows all systems operational. The issue may be on your side.",
            ],
            hits: [
                "We're seeing elevated 5xx errors in one region since earlier today; the team is working on it and updates are on status.relay.dev. Requests are safe to retry with an idempotency key. I've opened a ticket linked to the incident so you're notified when it's resolved.",
            ],
            pastes: [.serverError], pasteRate: 0.35,
            tools: [.createTicket, .searchDocs(["api status outage", "5xx errors retry idempotency"])], toolRate: 0.35
        ),
        IntentSpec(
            "api-timeout", "Slow responses and timeouts",
            kind: .bugReport, stage: .established, sections: ["prompts/support.md#escalation"], feature: "api",
            weight: 15, plans: PlanMix(free: 15, trial: 15, pro: 45, enterprise: 25), age: .established, hitRate: 0.45,
            openers: [
                "{requests|api calls|calls to the api} {are timing out|time out|keep timing out}{ randomly| intermittently|}",
                "{the|your} api is {super|really|very|extremely} slow{ today| right now|}",
                "{p99|p95|response time|latency} {went up|jumped} to {$n_small seconds|10s|30s}",
                "{ETIMEDOUT|read timeout|context deadline exceeded} {on|calling} {POST /v1/events|the events endpoint|api.relay.dev}",
                "{some|about 5% of|a few} requests {hang|take forever|never return}",
                "{why|how come} {is|are} {the api|requests} {so|this} slow{?|}",
            ],
            fragments: ["api slow", "timeouts", "requests timing out", "high latency", "slow api responses"],
            details: ["{our|the} timeout is {10|30|60} seconds", "{from|in} {us-east|eu-west|singapore|sydney}", "{it's been like this|this has been happening|seeing this} $timeago", "$plan_phrase"],
            followUps: ["{not|it's not} {all|every} request, just {some|a few}", "{is|are} there {regional|region} issues?"],
            misses: [
                "Please check your internet connection and try again.",
                "A 429 error means you've hit your rate limit; please slow down your requests.",
            ],
            hits: [
                "Latency from some regions was elevated earlier due to a network provider issue; it's recovering now. Keep client timeouts at 30s and retry with an idempotency key. If you still see timeouts, send me a few request ids and I'll escalate.",
            ],
            pastes: [.timeout], pasteRate: 0.35,
            tools: [.searchDocs(["api timeout", "latency"]), .createTicket], toolRate: 0.3
        ),
    ]
}
