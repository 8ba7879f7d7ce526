package dev.braid.experiments.filter;

import java.util.EnumSet;
import java.util.Set;

/** Which operators MLflow allows on which keys (search_utils' VALID_*_COMPARATORS). */
final class ComparisonRules {
    private static final Set<Operator> NUMERIC = EnumSet.of(
            Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE);
    private static final Set<Operator> PARAM_OR_TAG = EnumSet.of(
            Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE, Operator.IS_NULL, Operator.IS_NOT_NULL);
    private static final Set<Operator> STRING_ATTRIBUTE_OR_DATASET = EnumSet.of(
            Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE, Operator.IN, Operator.NOT_IN);

    private ComparisonRules() {
    }

    /** Null when {@code operator} may be used on {@code field}, else the reason it may not. */
    static String problem(FieldRef field, Operator operator) {
        if (operator.takesNoValue() && field.entity() != Entity.PARAM && field.entity() != Entity.TAG) {
            return operator.text() + " is only allowed for params and tags";
        }
        if (operator.takesList() && field.entity() == Entity.ATTRIBUTE && field.attribute() != RunAttribute.RUN_ID) {
            return operator.text() + " is only allowed for attributes.run_id and datasets";
        }
        Set<Operator> allowed = allowed(field);
        if (allowed.contains(operator)) {
            return null;
        }
        String subject = field.entity() == Entity.ATTRIBUTE ? "attributes." + field.key() : field.entity().prefix();
        return operator.text() + " is not allowed for " + subject + " (use " + list(allowed) + ")";
    }

    private static Set<Operator> allowed(FieldRef field) {
        return switch (field.entity()) {
            case METRIC -> NUMERIC;
            case PARAM, TAG -> PARAM_OR_TAG;
            case DATASET -> STRING_ATTRIBUTE_OR_DATASET;
            case ATTRIBUTE -> field.numeric() ? NUMERIC
                    : field.attribute() == RunAttribute.RUN_ID ? STRING_ATTRIBUTE_OR_DATASET
                    : EnumSet.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE);
        };
    }

    private static String list(Set<Operator> operators) {
        StringBuilder out = new StringBuilder();
        Operator[] all = operators.toArray(new Operator[0]);
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                out.append(i == all.length - 1 ? " or " : ", ");
            }
            out.append(all[i].text());
        }
        return out.toString();
    }
}
