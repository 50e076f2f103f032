from .base import *  # noqa: F403
from .base import SECRET_KEY, STATIC_ROOT, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# whitenoise looks here at start-up; an empty folder keeps it quiet before collectstatic
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# The demo users sign in without a second factor here (README, "Demo"). Production requires one.
OTP_REQUIRED_FOR_PERSONAL_DATA = False
