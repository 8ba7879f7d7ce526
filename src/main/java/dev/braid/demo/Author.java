package dev.braid.demo;

import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.jgit.lib.PersonIdent;

/** Someone who commits to the demo project, working in their own time zone. */
record Author(String name, String email, ZoneId zone) {
    static final Author MAYA = new Author("Maya Lindqvist", "maya.lindqvist@example.com", ZoneId.of("Europe/Stockholm"));
    static final Author RAVI = new Author("Ravi Natarajan", "ravi.natarajan@example.com", ZoneId.of("Asia/Kolkata"));
    static final Author SOFIA = new Author("Sofía Álvarez", "sofia.alvarez@example.com", ZoneId.of("America/Bogota"));
    static final Author KENJI = new Author("Kenji Watanabe", "kenji.watanabe@example.com", ZoneId.of("Asia/Tokyo"));
    static final Author TOM = new Author("Tom Okafor", "tom.okafor@example.com", ZoneId.of("Europe/London"));
    static final Author GRACE = new Author("Grace Liu", "grace.liu@example.com", ZoneId.of("America/Los_Angeles"));
    static final Author BOT = new Author("ci-bot", "ci-bot@example.com", ZoneId.of("UTC"));

    PersonIdent at(Instant when) {
        return new PersonIdent(name, email, when, zone);
    }
}
