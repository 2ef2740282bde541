# Types for the parts of django-simple-history Llais uses; the package ships none.
