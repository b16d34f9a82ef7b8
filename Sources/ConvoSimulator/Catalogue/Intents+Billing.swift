/// Plans, invoices, refunds and cancellations: confusable with each other by design
/// (charged twice vs refund vs invoice), more common on free and trial accounts.
extension IntentCatalogue {
    static let billingSpecs: [IntentSpec] = [
        IntentSpec(
            "plan-comparison", "Which plan, and what does it include",
            kind: .pricingConfusion, stage: .onboarding, sections: ["prompts/support.md#billing-and-plans"], feature: "billing",
            weight: 32, plans: PlanMix(free: 40, trial: 45, pro: 12, enterprise: 3), age: .onboarding, hitRate: 0.6,
            openers: [
                "{what's|what is} the difference between {pro|the pro plan} and {enterprise|the enterprise plan}{?|}",
                "{does|is} {the|} {pro|free} plan {include|come with} {sso|webhooks|more endpoints|retries|$n_events events}{?|}",
                "{how much|what} {does|is} {pro|relay} {cost|pricing} {for|with} {$seats seats|our volume|$n_events events a month}{?|}",
                "{which|what} plan {do|should} {I|we} {pick|choose|need}{ for our use case|}{?|}",
                "{the pricing page|your pricing} is {confusing|unclear}{, what counts as an event|}",
                "{what counts as|how do you count} {an event|a request|a delivery} {for billing|on the pricing page}{?|}",
                "{is there|do you have} {a startup|a nonprofit|an annual|a student} {discount|plan|pricing}{?|}",
                "{per seat|per-seat} or {usage based|per event}{? how does billing work|?}",
                "{is|are} {there|} {limits|any limits} on the free {plan|tier}{?|}",
                "{monthly vs annual|annual billing}{ - how much do we save|?|}",
            ],
            fragments: ["pricing question", "pro vs enterprise?", "how much is pro", "what does free include", "plan differences", "pricing?", "which plan"],
            details: ["$plan_phrase", "{we're|we are} {a|} {team of $seats|small startup|agency|nonprofit}", "{we send|expect} {about|} $n_events events a {day|month}", "$age_phrase"],
            followUps: ["{so|ok so} {does|is} {sso|retries} {included|in pro} or not?", "{what|and what} {happens|do I pay} if {we|I} go over?"],
            misses: [
                "You can upgrade your plan at any time from Settings > Billing.",
                "Thanks for your interest in Relay! Let me know if you have any other questions.",
            ],
            hits: [
                "Free includes 10,000 events a month and one endpoint; Pro is $99/month with 1M events, unlimited endpoints and team seats; Enterprise adds SSO, custom rate limits and an SLA. Delivery retries aren't billed, only events you send. Annual billing saves two months.",
            ],
            tools: [.searchDocs(["pricing plans comparison", "what counts as an event billing"])], toolRate: 0.3
        ),
        IntentSpec(
            "trial-extension", "Extend the trial",
            kind: .pricingConfusion, stage: .activation, sections: ["prompts/support.md#billing-and-plans"], feature: "billing",
            weight: 14, plans: PlanMix(free: 5, trial: 95), age: .trialEnd, churn: .soon(0.2), hitRate: 0.65,
            openers: [
                "{can I|could we|is it possible to} {extend|get more time on} {my|our|the} trial{?|}",
                "{the trial|our trial} {ends|expires|is ending} {tomorrow|in 2 days|today|on $weekday} {and|but} {we haven't finished|we're still|I haven't finished|I'm still} {testing|evaluating|integrating}",
                "{need|we need} {a few more days|another week|2 more weeks} {on the trial|to evaluate}",
                "{what happens|what happens to our data} when {the|my} trial {expires|runs out}{?|}",
                "{trial expired|my trial expired} {before|and} {we|I} {could|got to} {test|finish}{, can you reset it|}",
                "{we|I} {lost|wasted} {half|most} of the trial {on|debugging} {setup|webhooks|the integration}{, extension?|}",
            ],
            fragments: ["extend trial", "trial extension?", "more trial days", "trial expired", "need longer trial"],
            details: ["$plan_phrase", "{our|the} {decision|budget approval} {takes|needs} {another week|until end of month}", "{we|I} {want|plan} to {buy|upgrade} {but|} {need to|want to} {finish testing|show my team}"],
            followUps: ["{so|can you} {yes or no|extend it or not}?", "{how|where} do I {request|ask for} it then?"],
            misses: [
                "You can upgrade to Pro at any time from Settings > Billing to keep using Relay.",
                "Our trial lasts 14 days and includes all Pro features.",
            ],
            hits: [
                "I've extended your trial by 14 days on account $account; nothing else changes and your data stays. If you need more time after that, reply here and we'll sort it out.",
            ],
            tools: [.checkSettings("billing"), .createTicket], toolRate: 0.3
        ),
        IntentSpec(
            "charged-twice", "Charged twice",
            kind: .pricingConfusion, stage: .activation, sections: ["prompts/support.md#billing-and-plans/invoices-and-refunds"], feature: "billing",
            weight: 26, plans: PlanMix(free: 10, trial: 25, pro: 55, enterprise: 10), age: .activation, hitRate: 0.55,
            openers: [
                "{I was|we were|I got|we got} charged twice {this month|for the same month|for pro|on $weekday}",
                "{double|duplicate} charge on {my|our} {card|credit card|statement}",
                "{two|2} {charges|payments} of $amount {from relay|on my card}{, why?|}",
                "{why|how come} {was I|were we} {billed|charged} {twice|two times|again}{?|}",
                "{my|our} {bank|card} {statement|} shows {2|two} relay {charges|transactions}",
                "{charged|billed} {before|even before} {my|the} trial {ended|was over}{ AND again today|}",
                "{a pending|an authorization} charge {and|plus} {a real|the actual} charge{? is that normal|}",
                "{relay|you} {took|charged} {the money|$amount} twice{!|}",
            ],
            fragments: ["charged twice", "double charge", "duplicate payment", "billed twice??", "two charges on card"],
            details: ["$plan_phrase", "{it's|the charge is} {on|from} $card", "{both|the two} {on|from} {the same day|$weekday}", "{only|} {one|a single} invoice in the dashboard"],
            followUps: ["{I see|there are} two {charges|lines} {on|in} {my|the} statement, not one", "{will|when will} {it|the extra one} {be refunded|go away}?"],
            misses: [
                "You can download all your invoices from Settings > Billing > Invoices.",
                "Our pricing is listed on relay.dev/pricing. Let me know if you have questions about a specific plan.",
            ],
            hits: [
                "I see one paid invoice for $amount on account $account and a $1 card verification hold from when the card was added; your bank releases the hold within 5–7 days. Only one charge is final, so no refund is needed.",
                "You're right, there are two charges for the same period; the second came from a retry after a failed payment. I've refunded the duplicate; it will show on your statement in 5–10 business days.",
            ],
            pastes: [.cardStatement], pasteRate: 0.3,
            tools: [.listInvoices], toolRate: 0.6
        ),
        IntentSpec(
            "refund-request", "Refund after an unexpected charge",
            kind: .pricingConfusion, stage: .activation, sections: ["prompts/support.md#billing-and-plans/invoices-and-refunds"], feature: "billing",
            weight: 18, plans: PlanMix(free: 25, pro: 65, enterprise: 10), age: .trialEnd, churn: .soon(0.25), hitRate: 0.5,
            openers: [
                "{I'd like|I want|we need|can I get} a refund{ please|}",
                "{I didn't know|we didn't realize|I wasn't told|nobody told us} {the trial|it} would {convert|renew|charge me} {to a paid plan|automatically}{, refund please|}",
                "{charged|billed} for {pro|a plan|a month} {we|I} {don't use|never used|didn't want}{, refund?|}",
                "$please refund {the last|this month's|the} {charge|invoice|payment}",
                "{forgot|I forgot} to cancel {before|after} {the trial|renewal} {and got charged|}{, can I get my money back|}",
                "{what's|what is} your refund policy{?|}",
                "{annual|yearly} plan {renewed|auto-renewed} {without|with no} {warning|notice}{, need a refund|}",
                "{want|I want} my money back{, this doesn't work|}",
            ],
            fragments: ["refund please", "refund request", "want my money back", "refund for accidental charge", "need refund"],
            details: ["$plan_phrase", "{we|I} {haven't|have not} {used it|sent a single event} since", "{charge was|it was} $amount", "$frustration"],
            followUps: ["{so|} {will|can} {I|we} get {it|the money} back or not?", "{I|we} {never|didn't} agree to {that|a renewal}"],
            misses: [
                "You can download all your invoices from Settings > Billing > Invoices.",
                "You can change or cancel your plan at any time from Settings > Billing.",
            ],
            hits: [
                "I can see the charge of $amount on account $account from when the trial converted. Since there's been no usage since, I've issued a full refund and moved the account back to Free; it takes 5–10 business days to appear.",
            ],
            tools: [.listInvoices, .createTicket], toolRate: 0.55
        ),
        IntentSpec(
            "invoice-download", "Download or correct invoices",
            kind: .other, stage: .established, sections: ["prompts/support.md#billing-and-plans/invoices-and-refunds"], feature: "billing",
            weight: 21, plans: PlanMix(free: 5, trial: 10, pro: 50, enterprise: 35), age: .established, hitRate: 0.7,
            openers: [
                "{where|how} {can I|do I} {download|find|get} {my|our} invoices{?|}",
                "{need|we need} {an|a} {invoice|receipt|pdf invoice} for {last month|october|our accounting|the finance team|the charge on $weekday}",
                "{can you|how do I} add {our|a} {VAT number|tax id|company address|PO number} {to|on} {the|our} invoice{s|}{?|}",
                "{the invoice|our invoice} {shows|has} the wrong {company name|address|billing email}",
                "{send|can you send} {invoices|billing emails} to {finance|accounting|$email} {instead|too|as well}{?|}",
                "{our|my} {accountant|finance team} {needs|is asking for} {all|} {invoices|receipts} {for 2026|for this year|for Q3}",
                "{invoice|invoice number} $invoice_no {download|pdf} {link|} {is broken|doesn't work}",
            ],
            fragments: ["download invoice", "need invoice pdf", "where are invoices", "add VAT number to invoice", "invoice copy", "receipt please"],
            details: ["$plan_phrase", "{we're|we are} {based|registered} in {germany|the uk|france|the netherlands|spain}", "{for|our} {tax|audit|expense report} {purposes|}"],
            followUps: ["{and|} {can|will} {past|old} invoices {be updated|show the VAT} too?", "{I|we} {don't|do not} see {a|the} download button"],
            misses: [
                "Our pricing is listed on relay.dev/pricing.",
                "If you believe you were charged incorrectly, please share the details and I'll look into it.",
            ],
            hits: [
                "Invoices are under Settings > Billing > Invoices, each with a PDF download. Add your VAT id and billing address under Billing details; new invoices will include them, and I can reissue past invoices if you need them updated.",
            ],
            tools: [.listInvoices], toolRate: 0.55
        ),
        IntentSpec(
            "overage-charges", "Unexpected usage or overage charges",
            kind: .pricingConfusion, stage: .established, sections: ["prompts/support.md#billing-and-plans"], feature: "billing",
            weight: 18, plans: PlanMix(free: 10, trial: 10, pro: 60, enterprise: 20), age: .established, churn: .later(0.05), hitRate: 0.5,
            openers: [
                "{why is|why's} {my|our} {bill|invoice} {so high|higher than usual|way higher} this month{?|}",
                "{what are|what is} {these|this} {overage|usage} {charges|fees|line items} on {my|our} invoice{?|}",
                "{we were|I was} charged for {extra events|overages|usage} {we|I} {didn't expect|don't understand}",
                "{do|are} {failed|retried} deliveries {count|billed} {as|towards} {events|usage}{?|}",
                "{can I|how do I} {set|get} {a spending cap|usage alerts|a budget limit}{ so this doesn't happen again|}{?|}",
                "{usage|the event count} {in the dashboard|on the invoice} {doesn't match|is way off from} {our|my} {numbers|logs}",
                "{invoice|bill} {jumped|went} from $amount to {way more|double|triple}",
            ],
            fragments: ["overage charges?", "bill too high", "unexpected usage fees", "why so expensive this month", "surprise overage"],
            details: ["$plan_phrase", "{our|the} traffic {didn't|did not} change", "{we had|there was} a {bug|loop} that sent {too many|duplicate} events", "$frustration"],
            followUps: ["{we|I} {didn't|did not} send {that many|$n_events} events", "{can|could} {you|we} {waive|credit} {it|the overage}?"],
            misses: [
                "You can see your current plan and usage in Settings > Billing.",
                "You can download all your invoices from Settings > Billing > Invoices.",
            ],
            hits: [
                "The overage line is for events above your plan's included volume; retries aren't counted. Your usage jumped on one day, which looks like a loop sending duplicate events. I've credited that day's overage, and you can set a usage alert under Billing > Alerts.",
            ],
            tools: [.listInvoices, .rateLimitUsage], toolRate: 0.55
        ),
        IntentSpec(
            "upgrade-not-applied", "Upgraded but still on the old plan",
            kind: .bugReport, stage: .activation, sections: ["prompts/support.md#billing-and-plans"], feature: "billing",
            weight: 16, plans: PlanMix(free: 20, trial: 25, pro: 55), age: .trialEnd, churn: .soon(0.04), hitRate: 0.5,
            openers: [
                "{I|we} {upgraded|paid for|switched} to pro {but|and} {the dashboard|my account|it} still {shows|says} {free|trial|the old plan}",
                "{paid|payment went through} but {limits|my limits|the plan} {didn't change|haven't updated|are still the free limits}",
                "{still|we're still} {getting|hitting} {free|trial} {limits|rate limits|quotas} {after|even after} upgrading",
                "{upgrade|plan change} {not showing|didn't apply|not reflected}{ in the api|}",
                "{card was charged|we got charged} for pro {but|yet} {features are|everything is} still locked",
            ],
            fragments: ["upgrade not applied", "paid but still free plan", "plan didnt update", "upgraded still limited"],
            details: ["{upgraded|paid} {an hour ago|yesterday|this morning}", "{charge|payment} {of|was} $amount", "{logged out and in|tried logging out}"],
            followUps: ["{still|it still} {says|shows} free", "{do I|do we} need {new|a new} {api key|token} {after|for} the upgrade?"],
            misses: [
                "You can upgrade your plan at any time from Settings > Billing.",
                "Pro includes 1M events per month and unlimited endpoints.",
            ],
            hits: [
                "Your payment succeeded but the subscription update for $account didn't finish syncing. I've re-applied Pro; limits update immediately and no new API key is needed. Sorry for the confusion!",
            ],
            pastes: [.planResponse], pasteRate: 0.2,
            tools: [.checkSettings("billing"), .listInvoices], toolRate: 0.5
        ),
        IntentSpec(
            "cancel-subscription", "Cancel the subscription",
            kind: .churnRisk, stage: .established, sections: ["prompts/support.md#billing-and-plans"], feature: "billing",
            weight: 22, plans: PlanMix(free: 15, trial: 20, pro: 55, enterprise: 10), age: .any, churn: .soon(0.55), hitRate: 0.7,
            openers: [
                "{how do I|how can I|where do I} cancel {my|our} {subscription|plan|account|pro plan}{?|}",
                "{please|pls|I want to|we'd like to} cancel {our|my} {subscription|plan}{ effective immediately| at the end of the month|}",
                "{we're|we are|I'm} {cancelling|canceling|leaving|moving off relay}{, please confirm| - what do I need to do|}",
                "{cancel|turn off} {auto-renew|automatic renewal|the renewal}",
                "{can't find|where is} the cancel button{?|}",
                "{not|no longer} using {relay|it|the product} {anymore|}{, cancel please|}",
                "{stop|end} {the|my|our} {subscription|billing} {now|today|please}",
            ],
            fragments: ["cancel subscription", "cancel my plan", "how to cancel", "stop billing", "cancel pls", "unsubscribe from pro"],
            details: ["$plan_phrase", "{project|the project} {got|was} {cancelled|shelved|paused}", "{too expensive|budget cut|we went another way}", "$frustration"],
            followUps: ["{just|} cancel it please", "{I|we} {don't|do not} want {a discount|to pause}, {just|} cancel"],
            misses: [
                "I'm sorry to hear that! Could you tell me more about what isn't working so I can help?",
                "You can change your plan at any time from Settings > Billing.",
            ],
            hits: [
                "You can cancel under Settings > Billing > Cancel plan; Pro stays active until the end of the paid period and then the account moves to Free, keeping your data. I can also do it for you now if you confirm.",
            ],
            tools: [.checkSettings("billing")], toolRate: 0.25
        ),
        IntentSpec(
            "downgrade-plan", "Downgrade to a cheaper plan",
            kind: .churnRisk, stage: .established, sections: ["prompts/support.md#billing-and-plans"], feature: "billing",
            weight: 12, plans: PlanMix(free: 5, pro: 80, enterprise: 15), age: .established, churn: .later(0.12), hitRate: 0.65,
            openers: [
                "{how do I|can I|can we} downgrade {to free|from pro|to a cheaper plan|our plan}{?|}",
                "{pro|enterprise} is {too expensive|too much|overkill} for {us|our usage|what we do}{, want to downgrade|}",
                "{what happens|what do we lose} {if|when} {we|I} downgrade{ to free|}{?|}",
                "{budget cuts|we're cutting costs}{,|} need {a cheaper|the free|a smaller} plan",
                "{switch|move} {us|our account} {back|} to {the free plan|the free tier|monthly billing}",
            ],
            fragments: ["downgrade plan", "downgrade to free", "cheaper plan?", "move to free tier"],
            details: ["$plan_phrase", "{we only|only} {use|need} {one endpoint|a few hundred events}", "{finance|my boss} {asked|wants} us to cut {costs|tools}"],
            followUps: ["{will|do} {we|I} keep {our|the} {data|endpoints}?", "{can|is} {it|the downgrade} {effective|immediate} {now|today}?"],
            misses: ["Pro includes 1M events per month, unlimited endpoints and team seats.", "You can upgrade at any time from Settings > Billing."],
            hits: [
                "Downgrading is under Settings > Billing > Change plan and takes effect at the end of the current period. On Free you keep your data and one endpoint; extra endpoints are paused, not deleted.",
            ],
            tools: [.checkSettings("billing")], toolRate: 0.25
        ),
        IntentSpec(
            "switching-to-competitor", "Considering a competitor",
            kind: .churnRisk, stage: .established, sections: ["prompts/support.md#escalation"], feature: "account",
            weight: 8, plans: PlanMix(free: 5, trial: 20, pro: 50, enterprise: 25), age: .any, churn: .soon(0.4), hitRate: 0.4,
            openers: [
                "{we're|we are|I'm} {evaluating|looking at|considering|moving to} $competitor{ instead|}{, convince me|}",
                "{honestly|tbh|ngl} {thinking about|about to} {switch|switching} to $competitor {because|bc} {of|} {the reliability issues|your pricing|the support|missing features}",
                "{how do I|how do we} {migrate|move|export} {everything|our endpoints|our data} {off relay|to $competitor}{?|}",
                "$competitor {does|offers|has} {replay|filtering|lower prices|this} {out of the box|for free} {why doesn't relay|and you don't}",
                "{last|final} chance{:|,} {fix|if you don't fix} {this|the webhook issue} or {we|I} {leave|churn|switch}",
            ],
            fragments: ["switching to $competitor", "moving off relay", "considering alternatives", "leaving for $competitor"],
            details: ["$plan_phrase", "$frustration", "{third|second} {incident|outage} this month", "{our|the} contract {renews|is up} {next month|soon}"],
            followUps: ["{so|} {what|what's} {are you going to|will you} do about it?", "{a discount|discounts} {won't|will not} fix {reliability|this}"],
            misses: ["Thanks for your feedback! We're always working to improve Relay.", "You can change your plan at any time from Settings > Billing."],
            hits: [
                "I'm sorry we've let you down. I've escalated this to your account team with the issues you listed; someone will reach out today. If you do decide to move, the export API gives you all events and endpoint configs.",
            ],
            tools: [.createTicket], toolRate: 0.4
        ),
    ]
}
