from django.contrib import admin

from onward.tracker.models import Application, Company, Contact, Interaction, Interview, StageEvent


class StageEventInline(admin.TabularInline[StageEvent, Application]):
    model = StageEvent
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = ("company", "role", "stage", "applied_on", "owner")
    list_filter = ("stage",)
    search_fields = ("company__name", "role", "owner__username")
    inlines = [StageEventInline]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ("name", "owner")
    search_fields = ("name",)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ("name", "company", "relationship", "owner")
    search_fields = ("name", "email")


admin.site.register(Interview)
admin.site.register(Interaction)
