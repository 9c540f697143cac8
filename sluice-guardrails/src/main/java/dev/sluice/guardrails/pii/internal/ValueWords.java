package dev.sluice.guardrails.pii.internal;

import java.util.List;
import java.util.Set;

/**
 * Words that follow a credential cue ({@code password}, {@code username}, {@code login}) without being its value:
 * {@code password reset}, {@code the password is incorrect}, {@code username field}. Lower case.
 */
final class ValueWords {

    private ValueWords() { }

    static final Set<String> NOT_SECRETS = Set.copyOf(List.of("a", "an", "the", "and", "or", "for", "to", "of", "in", "on",
            "at", "by", "with", "from", "as", "if", "when", "so", "but", "is", "was", "are", "be", "been", "being",
            "it", "this", "that", "these", "there", "here", "below", "above", "my", "your", "his", "her", "their",
            "our", "its", "me", "you", "we", "they", "i", "not", "never", "too", "also", "again", "still", "now",
            "then", "yet", "must", "should", "will", "can", "cannot", "can't", "could", "would", "may", "might",
            "has", "have", "had", "needs", "need", "did", "do", "does", "don't", "doesn't", "isn't", "wasn't",
            "won't", "please", "reset", "resets", "manager", "managers", "policy", "policies", "required",
            "requirement", "requirements", "incorrect", "wrong", "invalid", "expired", "expires", "expiry",
            "expiration", "change", "changed", "changes", "changing", "field", "fields", "protected", "protection",
            "strength", "strong", "weak", "hint", "hints", "length", "rule", "rules", "recovery", "forgot",
            "forgotten", "same", "different", "correct", "missing", "empty", "blank", "saved", "stored", "hash",
            "hashed", "hashes", "hashing", "encrypted", "encryption", "login", "logins", "update", "updated",
            "updates", "entry", "prompt", "prompts", "box", "input", "reuse", "rotation", "complexity", "less",
            "free", "based", "only", "sent", "set", "new", "old", "none", "null", "mismatch", "attempt",
            "attempts", "authentication", "spraying", "cracking", "security", "file", "files", "vault", "safe",
            "secure", "long", "short", "characters", "chars", "least", "generator", "etc", "page", "pages",
            "screen", "form", "forms", "failed", "fails", "failure", "taken", "available", "details",
            "credentials", "info", "information", "history", "button", "session", "sessions", "issue", "issues",
            "problem", "problems", "link", "links", "portal", "process", "name", "names", "id", "ids",
            "password", "passwords", "username", "usernames", "user", "users", "account", "accounts", "pin",
            "code", "codes", "number", "numbers", "protected", "case-sensitive", "sensitive", "optional",
            "needed", "unknown", "redacted", "hidden", "removed", "withheld", "provided", "supplied", "shared",
            "used", "enabled", "disabled", "works", "worked", "working", "again", "requests", "request",
            "verification", "confirm", "confirmation", "twice", "once", "yourself", "himself", "herself",
            "lock", "locked", "lockout", "section", "settings", "setting", "tab", "menu", "option", "options",
            "dialog", "window", "via", "using", "after", "before", "about", "into", "over", "under", "like", "shown",
            "displayed", "visible", "unique", "listed", "printed", "generated", "assigned", "created", "deleted",
            "blocked", "ignored", "logged", "case", "known", "valid", "exists", "taken", "reserved", "and/or"));
}
