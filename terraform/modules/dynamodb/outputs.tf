output "categories_table_name" {
  description = "Name of the categories table."
  value       = aws_dynamodb_table.categories.name
}

output "categories_table_arn" {
  description = "ARN of the categories table."
  value       = aws_dynamodb_table.categories.arn
}

output "templates_table_name" {
  description = "Name of the templates table."
  value       = aws_dynamodb_table.templates.name
}

output "templates_table_arn" {
  description = "ARN of the templates table."
  value       = aws_dynamodb_table.templates.arn
}

output "table_arns" {
  description = "ARNs of both tables."
  value       = [aws_dynamodb_table.categories.arn, aws_dynamodb_table.templates.arn]
}
