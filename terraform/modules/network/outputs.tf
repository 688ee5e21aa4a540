output "vpc_id" {
  description = "Id of the VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Ids of the private subnets."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "Ids of the public subnets."
  value       = aws_subnet.public[*].id
}

output "lambda_security_group_id" {
  description = "Id of the security group of the functions (egress 443 only)."
  value       = aws_security_group.lambda.id
}

output "dynamodb_endpoint_id" {
  description = "Id of the DynamoDB gateway endpoint."
  value       = aws_vpc_endpoint.dynamodb.id
}

output "nat_gateway_public_ips" {
  description = "Public IPs of the NAT gateways (egress addresses of the functions)."
  value       = aws_eip.nat[*].public_ip
}
