output "domain_name" {
  description = "Domain name of the distribution (null when disabled)."
  value       = try(aws_cloudfront_distribution.this[0].domain_name, null)
}

output "distribution_id" {
  description = "Id of the distribution (null when disabled)."
  value       = try(aws_cloudfront_distribution.this[0].id, null)
}
