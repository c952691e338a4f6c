"""``{% editor_dashboard %}``: the admin home page's lists for the signed-in person."""

from django import template

from articles.editorial.dashboard import dashboard_for

register = template.Library()


@register.inclusion_tag("admin/includes/dashboard.html", takes_context=True)
def editor_dashboard(context):
    request = context["request"]
    return {"request": request, **dashboard_for(request.user)}
