package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.StoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * DynamoDB's answers to a query of an index that is not ready, as its error details carry them (the texts of
 * DynamoDB and dynalite; {@code TablePreflightTest} gets the first from dynalite itself): UNAVAILABLE with a cause
 * that names the index and the runbook step. Any other ValidationException stays what it is (a defect to see).
 */
class IndexNotReadyTest {
    private static final String STEP = "docs/cutover.md step 2, \"Add the indexes\" (terraform apply -target=module.dynamodb)";

    @Test
    void aMissingIndexIsUnavailableAndNamed() {
        StoreException e = failure("The table does not have the specified index: ParentIndex");

        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals(DynamoCalls.UNAVAILABLE_MESSAGE, e.getMessage());
        assertEquals("The table does not have the index ParentIndex (organizationId, parentKey; projection ALL) that the gateway"
                + " reads: add it as in " + STEP + "; check-tables lists every missing index", e.getCause().getMessage());
    }

    @Test
    void aBackfillingIndexIsUnavailableAndNamed() {
        assertEquals("The index NameKeyIndex (organizationId, nameOrder; projection ALL) is still being built (backfilling): the"
                        + " gateway reads it only once it is ACTIVE, as in " + STEP,
                failure("Cannot read from backfilling global secondary index: NameKeyIndex").getCause().getMessage());
        assertEquals("The index the gateway queried is still being built (backfilling): the gateway reads it only once it is"
                        + " ACTIVE, as in " + STEP,
                failure("Cannot read from backfilling global secondary index").getCause().getMessage());
    }

    @Test
    void otherValidationErrorsPassThrough() {
        DynamoDbException other = validation("One or more parameter values were invalid: Missing the key categoryId");

        assertSame(other, assertThrows(DynamoDbException.class, () -> DynamoCalls.call(() -> {
            throw other;
        })));
    }

    private static StoreException failure(String message) {
        return assertThrows(StoreException.class, () -> DynamoCalls.call(() -> {
            throw validation(message);
        }));
    }

    private static DynamoDbException validation(String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(message).build())
                .build();
    }
}
