def roles(request):
    """Navigation flags from the user's role field alone: no query on every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {"signed_in": False}}
    return {
        "nav": {
            "signed_in": True,
            "staff": user.is_centre_staff,
            "leader": user.has_leader_role,
            "pupil": user.is_pupil_account,
        }
    }
