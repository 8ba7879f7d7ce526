package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One page of an MLflow list answer ({@code {"runs": […], "next_page_token": "…"}} and the like)
 * read straight from the token stream, item by item, so that no tree of the whole page is ever
 * built: pages of runs and of metric points were what made the heap grow.
 */
final class PagedAnswer {
    private PagedAnswer() {
    }

    /** Reads one item; the parser stands on the item's opening brace and must end on its closing one. */
    @FunctionalInterface
    interface ItemReader {
        void read(JsonParser parser) throws IOException;
    }

    /**
     * Hands each object of the array {@code itemsField} to {@code item}, in order; returns the
     * page's next page token, or null on the last page. The parser stands on the answer's opening
     * brace; the token may come before or after the items, and other fields are skipped.
     */
    static String read(JsonParser parser, String itemsField, ItemReader item) throws IOException {
        String token = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (itemsField.equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    item.read(parser);
                }
            } else if ("next_page_token".equals(field) && value == JsonToken.VALUE_STRING) {
                token = parser.getText().isEmpty() ? null : parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return token;
    }
}
