bucket         = "insight-terraform-state"
key            = "category-api/prod/terraform.tfstate"
region         = "us-east-1"
encrypt        = true
dynamodb_table = "terraform-state-lock"
