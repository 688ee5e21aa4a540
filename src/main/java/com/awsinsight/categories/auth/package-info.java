/**
 * Who is calling: verification of Cognito tokens, turned into a {@link com.awsinsight.categories.domain.model.Caller}.
 *
 * <p>Wiring, once per process:
 * <pre>{@code
 * TokenVerifier verifier = AuthSettings.fromEnvironment(System.getenv())
 *         .map(TokenVerifier::new)
 *         .orElseGet(...);   // local serve only: a DevIdentityProvider, its JWKS served over HTTP,
 *                            // and new TokenVerifier(dev.settings(jwksUrl))
 * }</pre>
 * then per request:
 * <ul>
 *   <li>behind an API Gateway Cognito authorizer: {@link com.awsinsight.categories.auth.ClaimsIdentity#fromAuthorizerClaims}
 *       on {@code requestContext.authorizer.claims};</li>
 *   <li>everywhere else: {@link com.awsinsight.categories.auth.TokenVerifier#verify} on the
 *       {@code Authorization} header.</li>
 * </ul>
 * Both throw {@link com.awsinsight.categories.auth.AuthException}; map
 * {@link com.awsinsight.categories.auth.AuthFailure#UNAUTHENTICATED} to 401 and
 * {@link com.awsinsight.categories.auth.AuthFailure#FORBIDDEN} to 403, and return the message as is:
 * it never contains the token.
 */
package com.awsinsight.categories.auth;
