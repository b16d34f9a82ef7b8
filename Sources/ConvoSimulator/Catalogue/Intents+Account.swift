/// Teams, access, data and privacy, and asking for a person.
extension IntentCatalogue {
    static let accountSpecs: [IntentSpec] = [
        IntentSpec(
            "team-invite-not-received", "Teammate invite not received",
            kind: .setupFriction, stage: .onboarding, sections: ["prompts/support.md#team-invites"], feature: "team",
            weight: 28, plans: PlanMix(free: 15, trial: 35, pro: 40, enterprise: 10), age: .onboarding, hitRate: 0.55,
            openers: [
                "{my|our} {teammate|coworker|colleague} {never got|didn't get|hasn't received} the invite{ email|}",
                "{invite|invitation} {email|link} {not arriving|never arrives|isn't coming through}",
                "{how do I|how can I|$cant} {invite|add} {my team|teammates|a coworker|$teammate} {to|into} {the|our} {account|workspace|org}{?|}",
                "{the invite link|the invitation link} {says|shows} {expired|invalid}",
                "{resend|re-send} {the|an} invite{ to $email|}{? the first one expired|}",
                "$teammate {can't|cannot} {join|accept the invite|see our workspace}",
                "{invited|added} {someone|a user} {with the wrong email|twice}{, how do I fix it|}",
                "{invites|invitations} {go to|end up in} spam{, or not at all|}",
            ],
            fragments: ["invite not received", "teammate cant join", "invite link expired", "add team member", "invite email missing"],
            details: ["{checked|they checked} spam", "{their|the} email is $email", "$plan_phrase", "{we use|they use} {google workspace|outlook|office 365}"],
            followUps: ["{they|he|she} {checked|looked in} spam {already|too}", "{still|} {nothing|no email}", "{can you|could you} just add {them|him|her} {directly|manually}?"],
            misses: [
                "You can manage your team under Settings > Team.",
                "Please make sure your teammate is using the correct password when logging in.",
            ],
            hits: [
                "The invite to that address bounced on our side (their mail server rejected it). Ask them to allowlist notifications@relay.dev, then use “Resend invite” under Settings > Team. Invite links expire after 72 hours, so old ones won't work.",
            ],
            pastes: [.inviteError], pasteRate: 0.15,
            tools: [.checkSettings("team")], toolRate: 0.4
        ),
        IntentSpec(
            "sso-setup", "Set up SSO / SAML",
            kind: .setupFriction, stage: .activation, sections: ["prompts/support.md#team-invites"], feature: "team",
            weight: 19, plans: PlanMix(pro: 15, enterprise: 85), age: .activation, hitRate: 0.5,
            openers: [
                "{how do I|how do we|need help to} {set up|configure|enable} {SSO|SAML|single sign-on} {with|for|using} $idp{?|}",
                "$idp {SSO|SAML} {integration|setup|login} {fails|isn't working|errors out}",
                "{where|what} {is|are} {the|your} {ACS url|entity id|metadata url|SAML metadata} for $idp{?|}",
                "{can we|how do we} {enforce|require} SSO for {all users|everyone in our org|the whole team}{?|}",
                "{SCIM|user provisioning|auto provisioning} {with|for|from} $idp{, supported?|?|}",
                "{users|people} {can't|cannot} log in {via|with|through} SSO {after|since} {we|the admin} {enabled|rolled out} it",
                "{is|does} SSO {available|work} on {pro|the pro plan}{?|}",
            ],
            fragments: ["sso setup", "saml config", "$idp sso not working", "scim?", "sso login fails", "saml error"],
            details: ["$plan_phrase", "{our|the} {IT|security} team {requires|mandates} SSO", "{we have|about} $seats {users|seats}", "{using|with} $idp"],
            followUps: ["{the|our} {IdP|$idp} {config|setup} {matches|is exactly} what {you|the docs} said", "{where do I|how do I} {find|get} {the|our} {org id|entity id}?"],
            misses: [
                "You can invite teammates under Settings > Team.",
                "Please make sure you're using the correct email and password.",
            ],
            hits: [
                "SSO is under Settings > Security > SAML (enterprise). Use the ACS URL and entity id shown there for your org ($account) in $idp, upload the IdP metadata, then test with one user before enforcing. SCIM provisioning is available from the same page.",
            ],
            pastes: [.samlError], pasteRate: 0.3,
            tools: [.checkSettings("sso"), .searchDocs(["saml sso setup", "scim provisioning"])], toolRate: 0.45
        ),
        IntentSpec(
            "role-permissions-request", "Custom roles and audit log",
            kind: .featureRequest, stage: .established, sections: ["prompts/support.md#team-invites"], feature: "team",
            weight: 9, plans: PlanMix(pro: 45, enterprise: 55), age: .established, hitRate: 0.6,
            openers: [
                "{can we|is it possible to} {have|create|set up} {read-only|custom|granular} {roles|permissions|access}{?| for contractors?}",
                "{need|we need} {a|an} {viewer|read only|billing-only|developer} role {for|so} {finance|contractors|support staff|$teammate}",
                "{every|all} {member|members|users} {can|are able to} {see|delete|rotate} {api keys|endpoints|billing}{ - that's a problem|?!|}",
                "{feature request|FR|would be great}: {custom roles|RBAC|role based access control|an audit log}",
                "{audit log|activity log} {of who|to see who} {changed|deleted|rotated} {endpoints|keys|settings}{?|}",
            ],
            fragments: ["custom roles?", "rbac", "read only role", "audit log feature", "permissions per user"],
            details: ["{our|the} {auditors|security team|SOC 2 auditor} {asked|requires} {for it|this}", "$plan_phrase", "{someone|a teammate} {deleted|changed} {an endpoint|a key} {by accident|and we don't know who}"],
            followUps: ["{any|is there an} eta?", "{so|} {everyone|all members} {is|are} admin {then|right now}?"],
            misses: ["You can invite teammates under Settings > Team.", "Please contact your account owner to change settings."],
            hits: [
                "Today there are three roles: Owner, Admin and Developer (Developers can't see billing or roll keys). Custom roles and a full audit log are planned for enterprise; I've added your use case to the request. The activity feed under Settings > Security shows key and endpoint changes for the last 30 days.",
            ],
            tools: [.createTicket], toolRate: 0.3
        ),
        IntentSpec(
            "transfer-ownership", "Transfer ownership or remove a member",
            kind: .other, stage: .established, sections: ["prompts/support.md#team-invites"], feature: "team",
            weight: 7, plans: PlanMix(free: 15, trial: 10, pro: 50, enterprise: 25), age: .established, hitRate: 0.6,
            openers: [
                "{how do I|how can I} {transfer|change} {account|workspace|org} {ownership|owner} to {someone else|$teammate|a new admin}{?|}",
                "{the|our} {account owner|admin|original owner} {left the company|is gone|left}{, how do we regain access|}",
                "{remove|delete|kick} {a|an old|a former} {team member|user|employee} {from|} {our|the} {account|workspace}",
                "{change|update} {the|our} {billing email|owner email|account email} {to|} {$email|a shared inbox}",
            ],
            fragments: ["transfer ownership", "remove user", "change account owner", "former employee access"],
            details: ["$plan_phrase", "{they|he|she} {left|quit} {last month|a while ago}", "{we|I} {have|still have} admin {access|rights}"],
            followUps: ["{the|our} {owner|old owner} {can't|cannot} be reached", "{I'm|I am} {an|the} admin {already|}"],
            misses: ["You can invite new teammates under Settings > Team.", "Please log in with the account owner's credentials."],
            hits: [
                "An owner can transfer ownership under Settings > Team > ⋯ > Make owner. If the owner has left, an admin can request a transfer; we'll verify with your billing contact and do it within one business day. Removing a member revokes their dashboard access immediately.",
            ],
            tools: [.checkSettings("team"), .createTicket], toolRate: 0.35
        ),
        IntentSpec(
            "dashboard-login-issue", "Cannot log in to the dashboard",
            kind: .bugReport, stage: .established, sections: ["prompts/support.md#escalation"], feature: "account",
            weight: 15, plans: PlanMix(free: 30, trial: 30, pro: 30, enterprise: 10), age: .any, hitRate: 0.55,
            openers: [
                "$cant {log in|login|sign in} {to|into} the $dashboard",
                "{the magic link|the login link|the email link} {expired|doesn't work|says expired} {immediately|every time|}",
                "{2fa|two factor|the verification code|my authenticator code} {isn't|is not} {working|accepted}",
                "{lost|got a new} phone {and|} $cant {get past|do} 2fa",
                "{password reset|the reset password} {email|} {never arrives|isn't arriving|doesn't work}",
                "{it|the dashboard} keeps {logging me out|redirecting to login|looping back to the login page}",
                "{locked out|I'm locked out} of {my|our} account",
            ],
            fragments: ["cant login", "2fa not working", "login loop", "magic link expired", "locked out", "password reset not working"],
            details: ["{using|in} {chrome|safari|firefox|brave|edge}", "{tried|also tried} {incognito|another browser}", "{my|the} email is $email", "$urgency"],
            followUps: ["{still|} {same|the same} {loop|error}", "{I|we} {don't|do not} have {the|my} old phone {anymore|}"],
            misses: [
                "You can invite teammates and manage access under Settings > Team.",
                "Please make sure you're using the API key from your dashboard.",
            ],
            hits: [
                "Magic links expire after 15 minutes and only work in the browser that requested them; some email scanners open them first. Request a new one and open it in the same browser, or use “Sign in with password”. For a lost 2FA device, I've started a reset; we'll verify by email.",
            ],
            pastes: [.loginError], pasteRate: 0.3,
            tools: [.createTicket], toolRate: 0.3
        ),
        IntentSpec(
            "data-export-request", "Export event data",
            kind: .other, stage: .established, sections: ["prompts/support.md#data-and-privacy"], feature: "data",
            weight: 11, plans: PlanMix(free: 10, trial: 10, pro: 50, enterprise: 30), age: .established, churn: .later(0.08), hitRate: 0.6,
            openers: [
                "{how do I|how can I|can we} export {all|our|my} {events|data|event history|delivery logs} {to csv|as json|to s3|}{?|}",
                "{need|we need} {a|} {full|complete} {data export|export of our data|dump of all events} {for|before} {an audit|a migration|compliance}",
                "{is there|do you have} {an api|a bulk endpoint|a way} to {export|download} {event|delivery} {history|logs}{?|}",
                "{the export|export} {button|in the dashboard} {fails|times out|gives an empty file}",
                "{how long|how far back} {do you|does relay} {keep|retain|store} {events|logs|delivery logs}{?|}",
            ],
            fragments: ["export data", "csv export", "download all events", "data retention?", "export failing"],
            details: ["{we need|need} {the last|} {90 days|a year|everything since we started}", "$plan_phrase", "{our|for the} {auditors|data team|warehouse}"],
            followUps: ["{I|we} need {more than|longer than} 90 days", "{can|could} {it|you} {go|send it} {to s3|to our bucket} directly?"],
            misses: ["You can view events in the dashboard under Events.", "Please make sure your API key has access to the account."],
            hits: [
                "Dashboard exports cover up to 90 days per file; for longer ranges use the bulk export API, which writes gzipped JSONL to a link (or your S3 bucket on enterprise). Events are kept for 30 days on Free, 1 year on Pro and as contracted on enterprise.",
            ],
            pastes: [.exportError], pasteRate: 0.2,
            tools: [.searchDocs(["export events csv", "data retention"])], toolRate: 0.35
        ),
        IntentSpec(
            "gdpr-deletion-request", "Delete personal data (GDPR) and data residency",
            kind: .other, stage: .established, sections: ["prompts/support.md#data-and-privacy"], feature: "data",
            weight: 9, plans: PlanMix(free: 20, trial: 10, pro: 40, enterprise: 30), age: .established, hitRate: 0.55,
            openers: [
                "{we got|we received} a {GDPR|data deletion|right to erasure|DSAR} request {from a user|from one of our customers}{, how do we delete their data|}",
                "{how do I|how can we} {delete|purge|erase} {personal data|PII|a customer's data|event payloads} {from|stored in} relay{?|}",
                "{do you|does relay} {store|keep|log} {webhook payloads|event data|PII} {and for how long|? for how long|}",
                "{where|in which region} {is|do you store} {our|the} data {stored|hosted}{? need eu data residency|?|}",
                "{need|can you send} {a|your} {DPA|data processing agreement|subprocessor list} {signed|for our legal team}",
            ],
            fragments: ["gdpr deletion", "delete user data", "data residency eu?", "need a DPA", "subprocessor list"],
            details: ["{we're|we are} {based|operating} in the {EU|UK|EEA}", "{our|the} {legal|privacy} team {asked|needs this}", "{the deadline is|we have|deadline:} {30 days|end of month}"],
            followUps: ["{does|will} that {also|} delete {backups|logs}?", "{can|do} you {confirm|send confirmation} in writing?"],
            misses: ["You can view all your events in the dashboard under Events.", "You can delete your account under Settings > Account."],
            hits: [
                "Use DELETE /v1/events?customer=… to erase a data subject's events; payloads are purged from storage within 24 hours and from backups within 30 days. EU data residency is available on enterprise, and our DPA and subprocessor list are at relay.dev/legal.",
            ],
            tools: [.searchDocs(["gdpr delete data", "data residency dpa"])], toolRate: 0.35
        ),
        IntentSpec(
            "security-compliance", "Security review and compliance documents",
            kind: .other, stage: .established, sections: ["prompts/support.md#data-and-privacy"], feature: "security",
            weight: 8, plans: PlanMix(trial: 5, pro: 35, enterprise: 60), age: .activation, hitRate: 0.6,
            openers: [
                "{do you have|can you share} {a|your} {SOC 2|SOC2|ISO 27001|pen test} {report|certification}{?|}",
                "{our|the} security team {needs|sent} {a|you a} {security questionnaire|vendor assessment|CAIQ} {filled out|to complete}",
                "{is|are} {data|webhook payloads|events} encrypted {at rest|in transit}{?| and with what?}",
                "{do you|does relay} {support|have} {IP allowlisting|static IPs|a list of webhook source IPs}{?|}",
                "{HIPAA|PCI} {compliance|BAA}{?| - can we send PHI through relay?}",
            ],
            fragments: ["soc2 report", "security questionnaire", "static ips for webhooks?", "hipaa baa?", "pen test report"],
            details: ["$plan_phrase", "{procurement|the deal} {is blocked|waits} on {it|this}", "{our|the} {CISO|security lead} {asked|needs it}"],
            followUps: ["{do|does} {that|it} need an NDA?", "{how|when} {can|will} {we|I} get {it|the report}?"],
            misses: ["Relay uses industry-standard security practices to keep your data safe.", "You can manage your API keys in Settings > API keys."],
            hits: [
                "Our SOC 2 Type II report and pen-test summary are in the trust portal (trust.relay.dev) after a click-through NDA. Data is encrypted in transit (TLS 1.2+) and at rest (AES-256); webhook source IPs are published at relay.dev/ips. I've sent your questionnaire to the security team.",
            ],
            tools: [.createTicket, .searchDocs(["soc 2 report", "webhook ip addresses"])], toolRate: 0.35
        ),
        IntentSpec(
            "account-deletion", "Delete the account",
            kind: .churnRisk, stage: .onboarding, sections: ["prompts/support.md#data-and-privacy"], feature: "account",
            weight: 5, plans: PlanMix(free: 50, trial: 40, pro: 10), age: .any, churn: .soon(0.6), hitRate: 0.7,
            openers: [
                "$please delete my account{ and all data|}",
                "{how do I|how can I} {delete|close|remove} {my|our} {account|relay account|workspace} {permanently|completely|}{?|}",
                "{I want|we want} {my|our} {account|data} {deleted|removed|gone}{, we're not using relay|}",
                "{close|deactivate} {the|this|my} account {associated with|for} $email",
            ],
            fragments: ["delete account", "close my account", "remove my account pls", "delete everything"],
            details: ["{I|we} {signed up|only signed up} {to test|by mistake|for a hackathon}", "$frustration", "{don't|do not} {email|contact} me {again|anymore}"],
            followUps: ["{just|} delete it", "{is|has} {it|my account} {been|} deleted {yet|now}?"],
            misses: ["I'm sorry to see you go! Could you tell me what didn't work for you?", "You can change your plan in Settings > Billing."],
            hits: [
                "You can delete the account under Settings > Account > Delete account; it removes your data within 30 days. I've also started the deletion for $account, and you'll get a confirmation email.",
            ],
            tools: [.createTicket], toolRate: 0.3
        ),
        IntentSpec(
            "human-escalation", "Asks for a human",
            kind: .other, stage: .established, sections: ["prompts/support.md#escalation", "prompts/harness.yaml#tools.create_ticket.description"], feature: "support",
            weight: 11, plans: PlanMix(free: 20, trial: 25, pro: 40, enterprise: 15), age: .any, churn: .later(0.04), hitRate: 0.6,
            openers: [
                "{can I|I want to|let me} {talk|speak} to {a human|a real person|someone real|an actual person|support staff}",
                "{is there|do you have} {a|} {human|real} support{?| or just a bot?}",
                "$please escalate {this|my ticket|this issue}{ to an engineer| to a human| to your team|}",
                "{I need|need} {a call|to schedule a call|phone support} {with|from} {someone|your team|an engineer}",
                "{my ticket|ticket} {has had|got} no {reply|response} {for|in} {days|a week|3 days}",
                "{stop|enough with the} {bot|ai} {answers|replies}{, get me a person|}",
                "{human|agent|operator|representative} {please|pls|!!}",
            ],
            fragments: ["human please", "talk to human", "agent", "real person pls", "escalate", "representative"],
            details: ["$frustration", "$urgency", "$plan_phrase", "{I|we} {opened|sent} {a ticket|an email} {on $weekday|last week|days ago}"],
            followUps: ["{just|} {get|connect} me {a|to a} human", "{I|we} {don't|do not} want {the bot|ai answers}"],
            misses: [
                "I'm here to help! What can I assist you with today?",
                "I can answer most questions about Relay. What do you need help with?",
            ],
            hits: [
                "Of course. I've created a ticket with our support team and included this conversation; a person will reply by email within 4 business hours (1 hour on enterprise).",
            ],
            tools: [.createTicket], toolRate: 0.6
        ),
    ]
}
