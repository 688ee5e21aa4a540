variable "name" {
  description = "Name prefix for the network resources (e.g. \"dev-insight-category\")."
  type        = string
}

variable "region" {
  description = "AWS region (used for the DynamoDB gateway endpoint service name)."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "private_subnet_cidrs" {
  description = "CIDR blocks of the private subnets (one per availability zone) where the functions run."
  type        = list(string)
  default     = ["10.0.1.0/24", "10.0.2.0/24"]
}

variable "public_subnet_cidrs" {
  description = "CIDR blocks of the public subnets (one per availability zone) that hold the NAT gateways."
  type        = list(string)
  default     = ["10.0.101.0/24", "10.0.102.0/24"]
}

variable "availability_zones" {
  description = "Availability zones, index-aligned with the subnet CIDR lists (given explicitly so a plan needs no API call)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "At least two availability zones are required."
  }
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway (cheaper) instead of one per availability zone (zone-resilient)."
  type        = bool
  default     = true
}

variable "account_root_arn" {
  description = "ARN of the account root principal allowed through the DynamoDB endpoint policy."
  type        = string
}

variable "dynamodb_endpoint_resource_arns" {
  description = "Table and index ARNs reachable through the DynamoDB gateway endpoint."
  type        = list(string)
}

variable "tags" {
  description = "Tags applied to the network resources."
  type        = map(string)
  default     = {}
}
