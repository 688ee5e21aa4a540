package com.awsinsight.categories.edge.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Accept negotiation for GraphQL over HTTP: q-values, specificity, order, and the documented defaults. */
class MediaTypesTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ''                                                            | application/json
            application/json                                              | application/json
            application/graphql-response+json                             | application/graphql-response+json
            application/graphql-response+json; charset=utf-8              | application/graphql-response+json
            */*                                                           | application/json
            application/*                                                 | application/json
            application/graphql-response+json, application/json;q=0.9     | application/graphql-response+json
            application/json, application/graphql-response+json           | application/json
            application/graphql-response+json, application/json           | application/graphql-response+json
            application/json;q=0.5, application/graphql-response+json     | application/graphql-response+json
            application/graphql-response+json;q=0.1, application/json     | application/json
            text/html, */*;q=0.8                                          | application/json
            application/graphql-response+json, */*;q=0.1                  | application/graphql-response+json
            application/json;q=0, application/graphql-response+json;q=0.2 | application/graphql-response+json
            text/html                                                     | -
            application/json;q=0                                          | -
            """)
    void negotiatesTheResponseMediaType(String accept, String expected) {
        assertEquals(expected, MediaTypes.negotiate(accept));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            application/json                  | application/json
            Application/JSON; charset=utf-8   | application/json
            application/jsonx                 | application/jsonx
            ''                                | ''
            """)
    void contentTypeEssenceDropsParameters(String contentType, String expected) {
        assertEquals(expected, MediaTypes.essence(contentType));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            application/json                             | true
            application/json; charset=utf-8             | true
            application/json;charset=UTF-8              | true
            application/json; charset="utf-8"           | true
            application/json; foo=bar                    | true
            application/json; charset=iso-8859-1        | false
            application/json; charset=utf-16            | false
            application/json; charset=utf-8; charset=latin1 | false
            application/json; charset=                   | false
            """)
    void onlyUtf8BodiesAreRead(String contentType, boolean utf8) {
        assertEquals(utf8, MediaTypes.charsetIsUtf8(contentType));
    }
}
