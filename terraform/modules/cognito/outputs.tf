output "user_pool_id" {
  description = "Id of the user pool."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the user pool (for the API Gateway authorizer)."
  value       = aws_cognito_user_pool.this.arn
}

output "user_pool_endpoint" {
  description = "Endpoint of the user pool (issuer without the https:// scheme)."
  value       = aws_cognito_user_pool.this.endpoint
}

output "client_id" {
  description = "Id of the dashboard/playground app client."
  value       = aws_cognito_user_pool_client.this.id
}
