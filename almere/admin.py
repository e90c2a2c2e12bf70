from django.contrib import admin


class AlmereAdminSite(admin.AdminSite):
    site_header = "Almere CMS"
    site_title = "Almere CMS"
    index_title = "Content"
    site_url = "/"
