package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.graphql.context.FieldNaming;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The payloads mutations return, as the schema's types: a result, or the expected business failures
 * (bad input, not found, conflicts) as {@code userErrors}; auth failures and faults stay top-level errors.
 */
final class Payloads {
    private static final Set<ErrorCode> USER_ERROR_CODES =
            EnumSet.of(ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT);

    private Payloads() {
    }

    /** {@code UserError}: a code of the shared set, the input at fault in the client's vocabulary, a message. */
    record UserError(String code, String field, String message) {
        static UserError of(DomainException e, FieldNaming naming) {
            if (!USER_ERROR_CODES.contains(e.code())) {
                throw e;
            }
            return new UserError(e.code().name(), e.field() == null ? null : naming.name(e.field()), e.getMessage());
        }
    }

    record CategoryPayload(Category category, List<UserError> userErrors, String clientMutationId) {
    }

    record InstantiateTemplatePayload(List<Category> categories, List<UserError> userErrors) {
    }

    record TemplatePayload(Template template, List<UserError> userErrors) {
    }

    static CategoryPayload category(Supplier<Category> mutation, FieldNaming naming, String clientMutationId) {
        try {
            return new CategoryPayload(mutation.get(), List.of(), clientMutationId);
        } catch (DomainException e) {
            return new CategoryPayload(null, List.of(UserError.of(e, naming)), clientMutationId);
        }
    }

    static TemplatePayload template(Supplier<Template> mutation, FieldNaming naming) {
        try {
            return new TemplatePayload(mutation.get(), List.of());
        } catch (DomainException e) {
            return new TemplatePayload(null, List.of(UserError.of(e, naming)));
        }
    }
}
