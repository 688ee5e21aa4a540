bucket       = "insight-terraform-state"
key          = "category-api/prod/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
