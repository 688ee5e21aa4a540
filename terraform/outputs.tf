output "api_url" {
  description = "Base URL of the API: the custom domain (plus base path) when api_domain_name is set, the stage's execute-api URL otherwise."
  value       = module.api_gateway.url
}

output "graphql_url" {
  description = "URL of the GraphQL endpoint."
  value       = "${module.api_gateway.url}/graphql"
}

output "playground_url" {
  description = "URL of the GraphQL playground (null where disabled)."
  value       = var.playground_enabled ? "${module.api_gateway.url}/playground" : null
}

output "api_domain_target" {
  description = "Where the DNS record of api_domain_name must point (regional domain name and its hosted zone id, for a Route 53 alias or a CNAME); null without a custom domain."
  value       = module.api_gateway.domain_target
}

output "cloudfront_domain_name" {
  description = "Domain of the CloudFront distribution (null where disabled)."
  value       = module.cloudfront.domain_name
}

output "user_pool_id" {
  description = "Id of the Cognito user pool."
  value       = module.cognito.user_pool_id
}

output "user_pool_client_id" {
  description = "Id of the dashboard/playground app client."
  value       = module.cognito.client_id
}

output "categories_table_name" {
  description = "Name of the categories table."
  value       = module.dynamodb.categories_table_name
}

output "templates_table_name" {
  description = "Name of the templates table."
  value       = module.dynamodb.templates_table_name
}

output "function_name" {
  description = "Name of the gateway function (every route)."
  value       = module.lambda.function_name
}

output "artifact_bucket" {
  description = "S3 bucket holding the deployment artifact."
  value       = module.artifacts.bucket_name
}

output "kms_key_arn" {
  description = "ARN of the customer-managed key."
  value       = module.kms.key_arn
}

output "alarm_topic_arn" {
  description = "ARN of the SNS alarm topic."
  value       = module.monitoring.sns_topic_arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = module.monitoring.dashboard_name
}

output "lambda_environment" {
  description = "Environment variables of the function (the contract with the Java code; no secrets)."
  value       = module.lambda.environment_variables
}

output "operator_role_arn" {
  description = "ARN of the role `migrate` and `repair` run under (the function's role cannot Scan the tables); see docs/operations.md, \"Operator commands\"."
  value       = module.lambda.operator_role_arn
}

output "operator_policy_json" {
  description = "The operator role's policy document, for granting the same access through a permission set instead of the role."
  value       = module.lambda.operator_policy_json
}
